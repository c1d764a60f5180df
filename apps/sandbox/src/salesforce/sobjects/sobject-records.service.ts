import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { salesforceNow } from '../common/salesforce-datetime';
import { makeSalesforceId, toId18 } from '../common/salesforce-id';
import { sobjectRegistry } from '../schema/sobject-registry';
import { ORG_DEFAULT_CURRENCY, SObjectDef } from '../schema/sobject-schema';
import { formatFieldValue, recordAttributes, SRecord } from '../soql/soql-engine';
import { SObjectRecordEntity } from './entities/sobject-record.entity';
import { normaliseWrite, ReferenceCheck } from './record-validator';
import { SObjectStore, toRow } from './sobject-store';

export interface SaveResult {
  id: string;
  success: true;
  errors: [];
}

export interface UpsertResult extends SaveResult {
  created: boolean;
}

export interface WriteOptions {
  /** Run inside this transaction instead of a new one. */
  manager?: EntityManager;
  /** Timestamp to stamp (seed data); default: now, truncated to the second. */
  now?: Date;
}

const EXTERNAL_ID_FIELD = 'External_Id__c';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/** Create, read, update, upsert and delete of sObject records with Salesforce's rules and errors. */
@Injectable()
export class SObjectRecordsService {
  readonly registry = sobjectRegistry;

  constructor(private readonly store: SObjectStore) {}

  /** The sObject named in a URL (case-insensitive); 404 NOT_FOUND when unknown. */
  object(name: string): SObjectDef {
    const def = this.registry.find(name);
    if (!def) throw SalesforceApiError.notFound();
    return def;
  }

  async create(objectName: string, body: unknown, options: WriteOptions = {}): Promise<SaveResult> {
    const def = this.object(objectName);
    const write = normaliseWrite(this.registry, def, body, 'insert');
    const run = (manager: EntityManager) =>
      this.insertRecord(manager, def, write.values, write.references, options.now);
    const id = await this.inTransaction(options.manager, run);
    return { id, success: true, errors: [] };
  }

  /**
   * Inserts many records of one sObject in one go (bulk loads: the demo-firm seed): the rules of
   * `create` (normalisation, required fields, references, currency default, derived fields, unique
   * external ids), with one query per referenced sObject, the ids reserved at once and multi-row
   * inserts. All or nothing within the caller's transaction. Returns the ids in input order.
   */
  async createMany(
    objectName: string,
    bodies: readonly unknown[],
    options: { manager: EntityManager; now: (index: number) => Date },
  ): Promise<string[]> {
    if (bodies.length === 0) return [];
    const def = this.object(objectName);
    const { manager } = options;
    const writes = bodies.map((body) => normaliseWrite(this.registry, def, body, 'insert'));
    const wanted = new Map<string, Set<string>>();
    for (const ref of writes.flatMap((w) => w.references)) {
      if (!wanted.has(ref.object)) wanted.set(ref.object, new Set());
      wanted.get(ref.object)!.add(ref.id);
    }
    const found = new Map<string, SObjectRecordEntity>();
    for (const [object, ids] of wanted) {
      for (const parent of await this.store.findByIds(object, [...ids], manager)) found.set(parent.id, parent);
    }
    const first = await this.store.nextNumbers(def.keyPrefix, writes.length, manager);
    const entities = writes.map((write, i) => {
      const parents: SObjectRecordEntity[] = [];
      for (const ref of write.references) {
        const parent = found.get(ref.id);
        if (!parent) {
          throw SalesforceApiError.dml('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [ref.field.name]);
        }
        parents.push(parent);
      }
      const record: Record<string, unknown> = { ...write.values };
      if (this.registry.field(def, 'CurrencyIsoCode') && !record.CurrencyIsoCode) {
        const parentCurrency = parents.map((p) => p.fields.CurrencyIsoCode).find((c) => typeof c === 'string');
        record.CurrencyIsoCode = parentCurrency ?? ORG_DEFAULT_CURRENCY;
      }
      def.derive?.(record, new Set(Object.keys(write.values)));
      const now = options.now(i);
      const stamp = salesforceNow(() => now);
      return Object.assign(new SObjectRecordEntity(), {
        id: makeSalesforceId(def.keyPrefix, first + i),
        sobjectType: def.name,
        externalId: typeof record[EXTERNAL_ID_FIELD] === 'string' ? (record[EXTERNAL_ID_FIELD] as string) : null,
        fields: record,
        createdDate: stamp,
        lastModifiedDate: stamp,
        systemModstamp: stamp,
      });
    });
    try {
      await this.store.insertMany(manager, entities);
    } catch (e) {
      if (isUniqueViolation(e)) throw this.duplicate();
      throw e;
    }
    return entities.map((e) => e.id);
  }

  async get(objectName: string, id: string, apiVersion: string, fields?: string): Promise<SRecord> {
    const def = this.object(objectName);
    const id18 = toId18(id);
    const entity = id18 ? await this.store.findById(def.name, id18) : null;
    if (!entity) throw SalesforceApiError.notFound();
    return this.render(def, entity, apiVersion, fields);
  }

  async getByExternalId(
    objectName: string,
    fieldName: string,
    value: string,
    apiVersion: string,
    fields?: string,
  ): Promise<SRecord> {
    const def = this.object(objectName);
    this.externalIdField(def, fieldName);
    const entity = await this.store.findByExternalId(def.name, value);
    if (!entity) throw SalesforceApiError.notFound();
    return this.render(def, entity, apiVersion, fields);
  }

  async update(objectName: string, id: string, body: unknown, options: WriteOptions = {}): Promise<void> {
    const def = this.object(objectName);
    const id18 = toId18(id);
    if (!id18) throw SalesforceApiError.notFound();
    const write = normaliseWrite(this.registry, def, body, 'update');
    await this.inTransaction(options.manager, async (manager) => {
      const entity = await this.store.findById(def.name, id18, manager, true);
      if (!entity) throw SalesforceApiError.notFound();
      await this.updateRecord(manager, def, entity, write.values, write.references, options.now);
    });
  }

  /**
   * `PATCH /sobjects/{Obj}/{ExternalIdField}/{value}`: updates the record with that external id, or
   * creates it (with the external id set) when there is none. Serialised per (object, value) with a
   * transaction-scoped advisory lock so two concurrent upserts of one value never both insert.
   */
  async upsert(
    objectName: string,
    fieldName: string,
    value: string,
    body: unknown,
    options: WriteOptions = {},
  ): Promise<UpsertResult> {
    const def = this.object(objectName);
    const field = this.externalIdField(def, fieldName);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const copy = { ...(body as Record<string, unknown>) };
      for (const key of Object.keys(copy)) {
        if (key.toLowerCase() !== field.toLowerCase()) continue;
        if (copy[key] !== null && String(copy[key]) !== value) {
          throw SalesforceApiError.dml(
            'INVALID_FIELD',
            `The external ID field ${field} in the body (${String(copy[key])}) does not match the URL (${value})`,
            [field],
          );
        }
        delete copy[key];
      }
      body = copy;
    }
    return this.inTransaction(options.manager, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${def.name}:${field}:${value}`]);
      const existing = await this.store.findByExternalId(def.name, value, manager, true);
      if (existing) {
        const write = normaliseWrite(this.registry, def, body, 'update');
        await this.updateRecord(manager, def, existing, write.values, write.references, options.now);
        return { id: existing.id, success: true as const, errors: [] as [], created: false };
      }
      const write = normaliseWrite(this.registry, def, { ...(body as object), [field]: value }, 'insert');
      const id = await this.insertRecord(manager, def, write.values, write.references, options.now);
      return { id, success: true as const, errors: [] as [], created: true };
    });
  }

  async delete(objectName: string, id: string): Promise<void> {
    const def = this.object(objectName);
    const id18 = toId18(id);
    if (!id18) throw SalesforceApiError.notFound();
    await this.store.transaction(async (manager) => {
      const entity = await this.store.findById(def.name, id18, manager, true);
      if (!entity) throw SalesforceApiError.notFound();
      await this.store.delete(manager, id18);
    });
  }

  private externalIdField(def: SObjectDef, fieldName: string): string {
    const field = this.registry.field(def, fieldName);
    if (!field || !field.externalId) {
      throw SalesforceApiError.notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    return field.name;
  }

  private inTransaction<T>(
    manager: EntityManager | undefined,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return manager ? work(manager) : this.store.transaction(work);
  }

  private async checkReferences(
    manager: EntityManager,
    references: ReferenceCheck[],
  ): Promise<Map<string, SObjectRecordEntity>> {
    const parents = new Map<string, SObjectRecordEntity>();
    for (const ref of references) {
      const parent = await this.store.findById(ref.object, ref.id, manager);
      if (!parent) {
        throw SalesforceApiError.dml('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [ref.field.name]);
      }
      parents.set(ref.field.name, parent);
    }
    return parents;
  }

  private async checkExternalIdFree(
    manager: EntityManager,
    def: SObjectDef,
    externalId: unknown,
    selfId?: string,
  ): Promise<void> {
    if (typeof externalId !== 'string') return;
    const other = await this.store.findByExternalId(def.name, externalId, manager);
    if (other && other.id !== selfId) throw this.duplicate(other.id);
  }

  private duplicate(otherId?: string): SalesforceApiError {
    return SalesforceApiError.dml(
      'DUPLICATE_VALUE',
      `duplicate value found: ${EXTERNAL_ID_FIELD} duplicates value on record with id: ${otherId ?? 'unknown'}`,
      [],
    );
  }

  private async insertRecord(
    manager: EntityManager,
    def: SObjectDef,
    values: Record<string, unknown>,
    references: ReferenceCheck[],
    now?: Date,
  ): Promise<string> {
    const parents = await this.checkReferences(manager, references);
    await this.checkExternalIdFree(manager, def, values[EXTERNAL_ID_FIELD]);
    const record: Record<string, unknown> = { ...values };
    if (this.registry.field(def, 'CurrencyIsoCode') && !record.CurrencyIsoCode) {
      // Multi-currency org: a child record defaults to its parent's currency, else the org's.
      const parentCurrency = [...parents.values()]
        .map((p) => p.fields.CurrencyIsoCode)
        .find((c) => typeof c === 'string');
      record.CurrencyIsoCode = parentCurrency ?? ORG_DEFAULT_CURRENCY;
    }
    def.derive?.(record, new Set(Object.keys(values)));
    const stamp = salesforceNow(now ? () => now : undefined);
    const id = makeSalesforceId(def.keyPrefix, await this.store.nextNumber(def.keyPrefix, manager));
    const entity = Object.assign(new SObjectRecordEntity(), {
      id,
      sobjectType: def.name,
      externalId: typeof record[EXTERNAL_ID_FIELD] === 'string' ? (record[EXTERNAL_ID_FIELD] as string) : null,
      fields: record,
      createdDate: stamp,
      lastModifiedDate: stamp,
      systemModstamp: stamp,
    });
    try {
      await this.store.insert(manager, entity);
    } catch (e) {
      if (isUniqueViolation(e)) throw this.duplicate();
      throw e;
    }
    return id;
  }

  private async updateRecord(
    manager: EntityManager,
    def: SObjectDef,
    entity: SObjectRecordEntity,
    values: Record<string, unknown>,
    references: ReferenceCheck[],
    now?: Date,
  ): Promise<void> {
    await this.checkReferences(manager, references);
    if (EXTERNAL_ID_FIELD in values) await this.checkExternalIdFree(manager, def, values[EXTERNAL_ID_FIELD], entity.id);
    const record: Record<string, unknown> = { ...entity.fields, ...values };
    def.derive?.(record, new Set(Object.keys(values)));
    const stamp = salesforceNow(now ? () => now : undefined);
    entity.fields = record;
    entity.externalId = typeof record[EXTERNAL_ID_FIELD] === 'string' ? (record[EXTERNAL_ID_FIELD] as string) : null;
    entity.lastModifiedDate = stamp;
    entity.systemModstamp = stamp;
    try {
      await this.store.save(manager, entity);
    } catch (e) {
      if (isUniqueViolation(e)) throw this.duplicate();
      throw e;
    }
  }

  /** The record as `GET /sobjects/{Obj}/{Id}` returns it (every field, or those in `?fields=`). */
  private render(def: SObjectDef, entity: SObjectRecordEntity, apiVersion: string, fields?: string): SRecord {
    const row = toRow(entity);
    let selected = def.fields;
    if (fields !== undefined && fields.trim() !== '') {
      selected = fields.split(',').map((name) => {
        const field = this.registry.field(def, name.trim());
        if (!field)
          throw new SalesforceApiError(400, {
            message: `No such column '${name.trim()}' on sobject of type ${def.name}`,
            errorCode: 'INVALID_FIELD',
          });
        return field;
      });
    }
    const out: SRecord = { attributes: recordAttributes(def.name, entity.id, apiVersion) };
    for (const field of selected) out[field.name] = formatFieldValue(field, row[field.name]);
    return out;
  }
}
