import {
  BillingClass,
  COUNTRY_CODE_PATTERN,
  ErpItemMappingDto,
  ErpLegalEntityMappingDto,
  ErpMappingsDto,
  ErpTaxRateDto,
  ErpTaxRateInputDto,
  IDENTIFIER_PATTERN,
  isIsoDate,
} from '@app/contracts';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '@app/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { UnmappedValueProblem } from '../common/erp-problems';
import { erpConfig, ErpSettings, ErpVendor } from '../erp.config';
import { DEMO_FIRM_ID, DEMO_LEGAL_ENTITIES, DEMO_ROLE_ITEMS, DEMO_TAX_RATES } from './demo-firm-mappings';
import { ItemMappingEntity } from './entities/item-mapping.entity';
import { LegalEntityMappingEntity } from './entities/legal-entity-mapping.entity';
import { TaxRateEntity } from './entities/tax-rate.entity';

export interface RoleMapping {
  role: string;
  target: string;
  billingClass: BillingClass;
}

const ROLE_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

function taxRateOf(row: TaxRateEntity): ErpTaxRateDto {
  return {
    legalEntityId: row.legalEntityId,
    customerCountry: row.customerCountry,
    effectiveFrom: row.effectiveFrom,
    ...(row.effectiveTo ? { effectiveTo: row.effectiveTo } : {}),
    rateBasisPoints: row.rateBasisPoints,
    reverseCharge: row.reverseCharge,
    ...(row.note ? { note: row.note } : {}),
  };
}

export interface LegalEntityTarget {
  legalEntityId: string;
  target: string;
  currency: string;
}

/** The firm's mapping tables for the active ERP: resolve (or refuse with 422), read and change. */
@Injectable()
export class MappingsService implements OnApplicationBootstrap {
  readonly vendor: ErpVendor;
  readonly firmId: string;

  constructor(
    @Inject(erpConfig.KEY) config: ErpSettings,
    @InjectRepository(LegalEntityMappingEntity) private readonly entities: Repository<LegalEntityMappingEntity>,
    @InjectRepository(ItemMappingEntity) private readonly items: Repository<ItemMappingEntity>,
    @InjectRepository(TaxRateEntity) private readonly taxRates: Repository<TaxRateEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.vendor = config.vendor;
    this.firmId = config.firmId;
  }

  /** Seeds each of the demo firm's tables (both ERPs) once, when the firm has no rows in it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['system_erp:mappings-seed']);
      const firmId = DEMO_FIRM_ID;
      if ((await manager.count(LegalEntityMappingEntity, { where: { firmId } })) === 0) {
        for (const e of DEMO_LEGAL_ENTITIES) {
          await manager.insert(LegalEntityMappingEntity, [
            { firmId, vendor: 'netsuite', legalEntityId: e.legalEntityId, target: e.netsuite, currency: e.currency },
            {
              firmId,
              vendor: 'business-central',
              legalEntityId: e.legalEntityId,
              target: e.businessCentral,
              currency: e.currency,
            },
          ]);
        }
      }
      if ((await manager.count(ItemMappingEntity, { where: { firmId } })) === 0) {
        for (const r of DEMO_ROLE_ITEMS) {
          await manager.insert(ItemMappingEntity, [
            { firmId, vendor: 'netsuite', role: r.role, target: r.netsuite, billingClass: r.billingClass },
            {
              firmId,
              vendor: 'business-central',
              role: r.role,
              target: r.businessCentral,
              billingClass: r.billingClass,
            },
          ]);
        }
      }
      if ((await manager.count(TaxRateEntity, { where: { firmId } })) === 0) {
        await manager.insert(
          TaxRateEntity,
          DEMO_TAX_RATES.map((t) => ({ ...t, firmId, effectiveTo: t.effectiveTo ?? null, note: t.note ?? null })),
        );
      }
    });
  }

  private scope() {
    return { firmId: this.firmId, vendor: this.vendor };
  }

  /** The ERP target of a legal entity; 422 naming `field` when unmapped. */
  async legalEntity(legalEntityId: string, field: string): Promise<LegalEntityTarget> {
    const row = await this.entities.findOne({ where: { ...this.scope(), legalEntityId } });
    if (!row) throw new UnmappedValueProblem('legal-entity-mappings', legalEntityId, field, this.vendor);
    return { legalEntityId, target: row.target, currency: row.currency };
  }

  /** The legal entity of an ERP subsidiary/company; 422 when the ERP holds a record in an unmapped one. */
  async legalEntityOfTarget(target: string): Promise<LegalEntityTarget> {
    const row = await this.entities.findOne({ where: { ...this.scope(), target } });
    if (!row) throw new UnmappedValueProblem('legal-entity-mappings', target, 'legalEntityId', this.vendor);
    return { legalEntityId: row.legalEntityId, target, currency: row.currency };
  }

  async allLegalEntities(): Promise<LegalEntityTarget[]> {
    const rows = await this.entities.find({ where: this.scope(), order: { legalEntityId: 'ASC' } });
    return rows.map((r) => ({ legalEntityId: r.legalEntityId, target: r.target, currency: r.currency }));
  }

  /** The ERP item of a role; 422 naming `field` when unmapped. */
  async item(role: string, field: string): Promise<string> {
    return (await this.role(role, field)).target;
  }

  /** The ERP item and billing class of a role; 422 naming `field` when unmapped. */
  async role(role: string, field: string): Promise<RoleMapping> {
    const row = await this.items.findOne({ where: { ...this.scope(), role } });
    if (!row) throw new UnmappedValueProblem('item-mappings', role, field, this.vendor);
    return { role, target: row.target, billingClass: row.billingClass as BillingClass };
  }

  /** The role an ERP item stands for. */
  async roleOfItem(target: string): Promise<string> {
    const row = await this.items.findOne({ where: { ...this.scope(), target }, order: { role: 'ASC' } });
    if (!row) throw new UnmappedValueProblem('item-mappings', target, 'role', this.vendor);
    return row.role;
  }

  async read(): Promise<ErpMappingsDto> {
    const [entities, items, taxRates] = await Promise.all([
      this.entities.find({ where: this.scope(), order: { legalEntityId: 'ASC' } }),
      this.items.find({ where: this.scope(), order: { role: 'ASC' } }),
      this.listTaxRates(),
    ]);
    return {
      firmId: this.firmId,
      legalEntities: entities.map((e) => ({ legalEntityId: e.legalEntityId, target: e.target, currency: e.currency })),
      items: items.map((i) => ({ role: i.role, target: i.target, billingClass: i.billingClass as BillingClass })),
      taxRates,
    };
  }

  async putLegalEntity(mapping: ErpLegalEntityMappingDto): Promise<ErpLegalEntityMappingDto> {
    if (!IDENTIFIER_PATTERN.test(mapping.legalEntityId))
      throw new ValidationProblem([{ field: 'legalEntityId', message: 'legalEntityId must be an identifier' }]);
    await this.entities.upsert({ ...this.scope(), ...mapping }, ['firmId', 'vendor', 'legalEntityId']);
    return mapping;
  }

  async deleteLegalEntity(legalEntityId: string): Promise<void> {
    const result = await this.entities.delete({ ...this.scope(), legalEntityId });
    if (!result.affected) throw new NotFoundProblem(`No mapping for legal entity ${legalEntityId}`);
  }

  /** Role -> item and billing class (`professional-services` unless given). */
  async putItem(mapping: ErpItemMappingDto): Promise<Required<ErpItemMappingDto>> {
    if (!ROLE_PATTERN.test(mapping.role))
      throw new ValidationProblem([{ field: 'role', message: 'role must be a lowercase slug (^[a-z0-9][a-z0-9-]*$)' }]);
    const row = {
      role: mapping.role,
      target: mapping.target,
      billingClass: mapping.billingClass ?? 'professional-services',
    };
    await this.items.upsert({ ...this.scope(), ...row }, ['firmId', 'vendor', 'role']);
    return row;
  }

  async deleteItem(role: string): Promise<void> {
    const result = await this.items.delete({ ...this.scope(), role });
    if (!result.affected) throw new NotFoundProblem(`No mapping for role ${role}`);
  }

  // ---- tax table (per firm, not per ERP) ----

  async listTaxRates(filter: { legalEntityId?: string; customerCountry?: string } = {}): Promise<ErpTaxRateDto[]> {
    const errors: Array<{ field: string; message: string }> = [];
    if (filter.legalEntityId !== undefined && !IDENTIFIER_PATTERN.test(filter.legalEntityId))
      errors.push({ field: 'legalEntityId', message: 'legalEntityId must be an identifier' });
    if (filter.customerCountry !== undefined && !COUNTRY_CODE_PATTERN.test(filter.customerCountry))
      errors.push({
        field: 'customerCountry',
        message: 'customerCountry must be an ISO 3166-1 alpha-2 code (DE, GB, US)',
      });
    if (errors.length) throw new ValidationProblem(errors);
    const rows = await this.taxRates.find({
      where: { firmId: this.firmId, ...filter },
      order: { legalEntityId: 'ASC', customerCountry: 'ASC', effectiveFrom: 'ASC' },
    });
    return rows.map(taxRateOf);
  }

  /**
   * The rate in force on `date` for a legal entity billing a customer in a country; 422
   * `unmapped-value` (table `tax-rates`) when the table has none: the tax is never guessed.
   */
  async taxRate(legalEntityId: string, customerCountry: string, date: string): Promise<ErpTaxRateDto> {
    const query = { legalEntityId, customerCountry, date };
    this.validateKey(query);
    const row = await this.taxRates
      .createQueryBuilder('t')
      .where('t.firm_id = :firmId AND t.legal_entity_id = :legalEntityId AND t.customer_country = :customerCountry', {
        firmId: this.firmId,
        legalEntityId,
        customerCountry,
      })
      .andWhere('t.effective_from <= :date AND (t.effective_to IS NULL OR t.effective_to >= :date)', { date })
      .getOne();
    if (!row)
      throw new UnmappedValueProblem('tax-rates', `${legalEntityId}/${customerCountry}@${date}`, 'customerCountry');
    return taxRateOf(row);
  }

  /**
   * Creates or replaces the row starting `effectiveFrom`; 400 for an invalid row (reverse charge
   * must be rate 0 with a note), 409 when its period overlaps another row of the same pair.
   */
  async putTaxRate(
    key: { legalEntityId: string; customerCountry: string; effectiveFrom: string },
    input: ErpTaxRateInputDto,
  ): Promise<ErpTaxRateDto> {
    this.validateKey({ ...key, date: key.effectiveFrom }, 'effectiveFrom');
    const bad = (field: string, message: string) => new ValidationProblem([{ field, message: `${field} ${message}` }]);
    if (input.effectiveTo !== undefined && input.effectiveTo < key.effectiveFrom)
      throw bad('effectiveTo', 'must not be before effectiveFrom');
    if (input.reverseCharge && input.rateBasisPoints !== 0)
      throw bad('rateBasisPoints', 'must be 0 with reverse charge');
    if (input.reverseCharge && !input.note)
      throw bad('note', 'is required with reverse charge (the invoice statement)');
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `system_erp:tax:${this.firmId}:${key.legalEntityId}:${key.customerCountry}`,
      ]);
      const overlapping = await manager
        .createQueryBuilder(TaxRateEntity, 't')
        .where('t.firm_id = :firmId AND t.legal_entity_id = :legalEntityId AND t.customer_country = :customerCountry', {
          firmId: this.firmId,
          ...key,
        })
        .andWhere('t.effective_from <> :from', { from: key.effectiveFrom })
        .andWhere('(t.effective_to IS NULL OR t.effective_to >= :from)', { from: key.effectiveFrom })
        .andWhere(input.effectiveTo ? 't.effective_from <= :to' : 'TRUE', { to: input.effectiveTo })
        .getMany();
      if (overlapping.length > 0) {
        const other = overlapping[0];
        throw new ConflictProblem(
          `The period overlaps the rate effective from ${other.effectiveFrom}${other.effectiveTo ? ` to ${other.effectiveTo}` : ''}; close that one first`,
          { errors: [{ field: 'effectiveFrom', message: `overlaps the row effective from ${other.effectiveFrom}` }] },
        );
      }
      const row: TaxRateEntity = {
        firmId: this.firmId,
        ...key,
        effectiveTo: input.effectiveTo ?? null,
        rateBasisPoints: input.rateBasisPoints,
        reverseCharge: input.reverseCharge ?? false,
        note: input.note ?? null,
      };
      await manager.upsert(TaxRateEntity, row, ['firmId', 'legalEntityId', 'customerCountry', 'effectiveFrom']);
      return taxRateOf(row);
    });
  }

  async deleteTaxRate(key: { legalEntityId: string; customerCountry: string; effectiveFrom: string }): Promise<void> {
    this.validateKey({ ...key, date: key.effectiveFrom }, 'effectiveFrom');
    const result = await this.taxRates.delete({ firmId: this.firmId, ...key });
    if (!result.affected)
      throw new NotFoundProblem(
        `No tax rate for ${key.legalEntityId}/${key.customerCountry} from ${key.effectiveFrom}`,
      );
  }

  private validateKey(key: { legalEntityId: string; customerCountry: string; date: string }, dateField = 'date'): void {
    const errors: Array<{ field: string; message: string }> = [];
    if (!IDENTIFIER_PATTERN.test(key.legalEntityId))
      errors.push({ field: 'legalEntityId', message: 'legalEntityId must be an identifier' });
    if (!COUNTRY_CODE_PATTERN.test(key.customerCountry))
      errors.push({
        field: 'customerCountry',
        message: 'customerCountry must be an ISO 3166-1 alpha-2 code (DE, GB, US)',
      });
    if (!isIsoDate(key.date))
      errors.push({ field: dateField, message: `${dateField} must be an ISO date (YYYY-MM-DD)` });
    if (errors.length) throw new ValidationProblem(errors);
  }
}
