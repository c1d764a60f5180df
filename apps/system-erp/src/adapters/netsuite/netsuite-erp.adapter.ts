import {
  ErpCreditMemoDto,
  ErpCreditMemoInputDto,
  ErpCustomerDto,
  ErpCustomerInputDto,
  ErpEmployeeDto,
  ErpEmployeeInputDto,
  ErpInvoiceDto,
  ErpInvoiceInputDto,
  ErpProjectDto,
  ErpProjectInputDto,
  ErpProjectPatchDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
} from '@app/contracts';
import { HttpClientFactory } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { budgetCurrencyProblem, MissingReferenceProblem, requireFunctionalCurrency } from '../../common/erp-problems';
import { CrossReferenceStore, ErpResource } from '../../cross-references/cross-reference.store';
import { MappingsService } from '../../mappings/mappings.service';
import { CustomerFilter, ErpAdapter, InvoiceChange, nameKeyProbe } from '../erp-adapter';
import { NetSuiteClient } from './netsuite-client';
import { netsuiteConfig, NetSuiteSettings } from './netsuite.config';
import {
  fromNetSuiteCreditMemo,
  fromNetSuiteCustomer,
  fromNetSuiteEmployee,
  fromNetSuiteInvoice,
  fromNetSuiteJob,
  fromNetSuiteTimeBill,
  toNetSuiteCreditMemo,
  toNetSuiteCustomer,
  toNetSuiteEmployee,
  toNetSuiteInvoice,
  toNetSuiteJob,
  toNetSuiteJobPatch,
  toNetSuiteTimeBill,
} from './netsuite.mapper';
import { NetSuiteCustomer, NetSuiteEmployee, NetSuiteInvoice, NetSuiteJob, NetSuiteTimeBill } from './netsuite.types';

const RECORD_TYPES: Record<ErpResource, string> = {
  customer: 'customer',
  project: 'job',
  employee: 'employee',
  'time-bill': 'timebill',
  invoice: 'invoice',
  'credit-memo': 'creditmemo',
};

/** NetSuite field (o:errorPath) -> canonical field, per resource. */
const FIELDS: Record<ErpResource, Record<string, string>> = {
  customer: { companyName: 'name', subsidiary: 'legalEntityId', currency: 'currency', email: 'billingEmail' },
  project: { companyName: 'name', parent: 'customerId', startDate: 'startDate' },
  employee: {
    firstName: 'givenName',
    lastName: 'familyName',
    email: 'email',
    title: 'jobTitle',
    subsidiary: 'legalEntityId',
    laborCost: 'costRate',
    hireDate: 'hireDate',
    releaseDate: 'terminationDate',
    isInactive: 'active',
  },
  'time-bill': {
    employee: 'workerId',
    customer: 'projectId',
    item: 'role',
    tranDate: 'date',
    hours: 'minutes',
    memo: 'description',
  },
  invoice: { entity: 'customerId', job: 'projectId', tranDate: 'issueDate', dueDate: 'dueDate', item: 'lines' },
  'credit-memo': { entity: 'invoiceId', createdFrom: 'invoiceId', tranDate: 'issueDate', item: 'lines' },
};

/** NetSuite job field -> canonical field of a project PATCH. */
const JOB_PATCH_FIELDS = { projectedEndDate: 'endDate', estimatedRevenue: 'budget', isInactive: 'status' };

/**
 * ErpAdapter on NetSuite REST: every create is an upsert on the canonical id as external id
 * (`PUT /record/v1/{type}/eid:{id}`), NetSuite's own idempotency mechanism, so a retry after a
 * timeout or 5xx converges on one record. Reads go by `eid:` too; references back to canonical ids
 * come from the cross-reference table or the referenced record's externalId.
 */
@Injectable()
export class NetSuiteErpAdapter implements ErpAdapter {
  readonly vendor = 'netsuite' as const;
  private currencies?: Promise<Map<string, string>>;

  private readonly client: NetSuiteClient;

  constructor(
    http: HttpClientFactory,
    @Inject(netsuiteConfig.KEY) config: NetSuiteSettings,
    private readonly mappings: MappingsService,
    private readonly xrefs: CrossReferenceStore,
  ) {
    this.client = new NetSuiteClient(http, config);
  }

  // ---- customers ----

  async upsertCustomer(input: ErpCustomerInputDto): Promise<ErpCustomerDto> {
    const entity = await this.mappings.legalEntity(input.legalEntityId, 'legalEntityId');
    const currencyId = input.currency ? await this.currencyId(input.currency) : undefined;
    await this.upsert('customer', input.id, toNetSuiteCustomer(input, entity.target, currencyId));
    return (await this.getCustomer(input.id))!;
  }

  async getCustomer(id: string): Promise<ErpCustomerDto | undefined> {
    const record = await this.read<NetSuiteCustomer>('customer', id);
    return record ? this.customerDto(record, id) : undefined;
  }

  async listCustomers(filter: CustomerFilter = {}): Promise<ErpCustomerDto[]> {
    // A name key narrows the read to names containing its longest word, in any case (system-erp
    // then compares the whole key): one page instead of every customer.
    const probe = nameKeyProbe(filter.nameKey);
    const byName = probe ? ` AND LOWER(companyname) LIKE '%${probe}%'` : '';
    const rows = await this.client.suiteql<{
      id: number | string;
      externalid?: string;
      companyname: string;
      subsidiary: string;
      currency?: string;
      email?: string;
    }>(
      `SELECT id, externalid, companyname, subsidiary, currency, email FROM customer WHERE externalid IS NOT NULL${byName} ORDER BY id`,
    );
    const out: ErpCustomerDto[] = [];
    for (const row of rows) {
      const record: NetSuiteCustomer = {
        id: String(row.id),
        companyName: row.companyname,
        subsidiary: { id: String(row.subsidiary) },
        ...(row.currency ? { currency: { id: String(row.currency) } } : {}),
        ...(row.email ? { email: row.email } : {}),
      };
      out.push(await this.customerDto(record, row.externalid!));
    }
    return out;
  }

  private async customerDto(record: NetSuiteCustomer, id: string): Promise<ErpCustomerDto> {
    const entity = await this.mappings.legalEntityOfTarget(record.subsidiary.id);
    const currency = record.currency ? await this.currencyCode(record.currency.id) : entity.currency;
    return fromNetSuiteCustomer(record, id, entity.legalEntityId, currency);
  }

  // ---- projects ----

  async upsertProject(input: ErpProjectInputDto): Promise<ErpProjectDto> {
    await this.requireExisting('customer', input.customerId, 'customerId');
    await this.upsert('project', input.id, toNetSuiteJob(input));
    return (await this.getProject(input.id))!;
  }

  async getProject(id: string): Promise<ErpProjectDto | undefined> {
    const record = await this.read<NetSuiteJob>('project', id);
    if (!record) return undefined;
    const customerId = await this.canonicalId('customer', record.parent.id);
    const entity = await this.mappings.legalEntityOfTarget(record.subsidiary!.id);
    return fromNetSuiteJob(record, id, customerId, entity.legalEntityId, entity.currency);
  }

  /** `PATCH eid:` with the job fields present (projectedEndDate, estimatedRevenue, isInactive). */
  async patchProject(id: string, patch: ErpProjectPatchDto): Promise<ErpProjectDto | undefined> {
    const current = await this.getProject(id);
    if (!current) return undefined;
    if (patch.budget) {
      // A job's amounts are in its subsidiary's currency (the legal entity's).
      const entity = await this.mappings.legalEntity(current.legalEntityId, 'legalEntityId');
      if (patch.budget.currency !== entity.currency) throw budgetCurrencyProblem(entity.currency);
    }
    const body = toNetSuiteJobPatch(patch);
    if (Object.keys(body).length > 0)
      await this.client.request({ method: 'PATCH', path: this.path('project', id), body, fields: JOB_PATCH_FIELDS });
    return this.getProject(id);
  }

  // ---- employees ----

  async upsertEmployee(input: ErpEmployeeInputDto): Promise<ErpEmployeeDto> {
    const entity = await this.mappings.legalEntity(input.legalEntityId, 'legalEntityId');
    requireFunctionalCurrency(input, entity.currency);
    await this.upsert('employee', input.id, toNetSuiteEmployee(input, entity.target));
    return (await this.getEmployee(input.id))!;
  }

  async getEmployee(id: string): Promise<ErpEmployeeDto | undefined> {
    const record = await this.read<NetSuiteEmployee>('employee', id);
    if (!record) return undefined;
    const entity = await this.mappings.legalEntityOfTarget(record.subsidiary.id);
    return fromNetSuiteEmployee(record, id, entity.legalEntityId, entity.currency);
  }

  // ---- time bills ----

  async createTimeBill(input: ErpTimeBillInputDto): Promise<ErpTimeBillDto> {
    const item = await this.mappings.item(input.role, 'role');
    await this.requireExisting('employee', input.workerId, 'workerId');
    await this.requireExisting('project', input.projectId, 'projectId');
    await this.upsert('time-bill', input.id, toNetSuiteTimeBill(input, item));
    return (await this.getTimeBill(input.id))!;
  }

  async getTimeBill(id: string): Promise<ErpTimeBillDto | undefined> {
    const record = await this.read<NetSuiteTimeBill>('time-bill', id);
    if (!record) return undefined;
    return fromNetSuiteTimeBill(record, {
      id,
      workerId: await this.canonicalId('employee', record.employee.id),
      projectId: record.customer ? await this.canonicalId('project', record.customer.id) : '',
      role: record.item ? await this.mappings.roleOfItem(record.item.id) : '',
    });
  }

  // ---- invoices ----

  async createInvoice(input: ErpInvoiceInputDto): Promise<ErpInvoiceDto> {
    const items = await Promise.all(input.lines.map((l, i) => this.mappings.item(l.role, `lines[${i}].role`)));
    if (input.projectId) await this.requireExisting('project', input.projectId, 'projectId');
    const existing = await this.read<NetSuiteInvoice>('invoice', input.id);
    // A repeated create returns the invoice as it is (it may have been posted since).
    if (!existing) await this.upsert('invoice', input.id, toNetSuiteInvoice(input, items));
    return (await this.getInvoice(input.id))!;
  }

  async getInvoice(id: string): Promise<ErpInvoiceDto | undefined> {
    const record = await this.read<NetSuiteInvoice>('invoice', id, true);
    if (!record) return undefined;
    const entity = await this.mappings.legalEntityOfTarget(record.subsidiary.id);
    const roles = await Promise.all((record.item.items ?? []).map((l) => this.mappings.roleOfItem(l.item.id)));
    return fromNetSuiteInvoice(record, {
      id,
      customerId: await this.canonicalId('customer', record.entity.id),
      projectId: record.job ? await this.canonicalId('project', record.job.id) : undefined,
      legalEntityId: entity.legalEntityId,
      currency: await this.currencyCode(record.currency.id),
      roles,
    });
  }

  /** Approval posts the invoice to the ledger (NetSuite approval routing: Pending Approval -> Approved). */
  async postInvoice(id: string): Promise<ErpInvoiceDto | undefined> {
    const invoice = await this.getInvoice(id);
    if (!invoice) return undefined;
    if (invoice.status !== 'draft') return invoice;
    await this.client.request({
      method: 'PATCH',
      path: this.path('invoice', id),
      body: { approvalStatus: { id: '2' } },
      fields: FIELDS.invoice,
    });
    return this.getInvoice(id);
  }

  /** A NetSuite credit memo is posted when saved; `createdFrom` links it to the invoice. */
  async createCreditMemo(input: ErpCreditMemoInputDto, invoice: ErpInvoiceDto): Promise<ErpCreditMemoDto> {
    const items = await Promise.all(input.lines.map((l, i) => this.mappings.item(l.role, `lines[${i}].role`)));
    if (!(await this.read<NetSuiteInvoice>('credit-memo', input.id))) {
      await this.upsert('credit-memo', input.id, toNetSuiteCreditMemo(input, invoice.customerId, items));
    }
    return (await this.getCreditMemo(input.id))!;
  }

  async getCreditMemo(id: string): Promise<ErpCreditMemoDto | undefined> {
    const record = await this.read<NetSuiteInvoice & { createdFrom?: { id: string } }>('credit-memo', id, true);
    if (!record) return undefined;
    const entity = await this.mappings.legalEntityOfTarget(record.subsidiary.id);
    const roles = await Promise.all((record.item.items ?? []).map((l) => this.mappings.roleOfItem(l.item.id)));
    return fromNetSuiteCreditMemo(record, {
      id,
      invoiceId: record.createdFrom ? await this.canonicalId('invoice', record.createdFrom.id) : '',
      customerId: await this.canonicalId('customer', record.entity.id),
      legalEntityId: entity.legalEntityId,
      currency: await this.currencyCode(record.currency.id),
      roles,
    });
  }

  /** SuiteQL on `transaction` (type CustInvc) by lastModifiedDate, every page, then each invoice by eid:. */
  async invoiceChangesSince(since: Date): Promise<InvoiceChange[]> {
    const stamp = since.toISOString().slice(0, 19).replace('T', ' ');
    const rows = await this.client.suiteql<{ externalid?: string; lastmodifieddate: string }>(
      `SELECT id, externalid, lastmodifieddate FROM transaction WHERE type = 'CustInvc' AND externalid IS NOT NULL AND lastmodifieddate >= TO_TIMESTAMP('${stamp}', 'YYYY-MM-DD HH24:MI:SS') ORDER BY lastmodifieddate`,
    );
    const out: InvoiceChange[] = [];
    for (const row of rows) {
      const invoice = await this.getInvoice(row.externalid!);
      if (invoice) out.push({ invoice, modifiedAt: new Date(row.lastmodifieddate).toISOString() });
    }
    return out;
  }

  // ---- helpers ----

  private path(resource: ErpResource, canonicalId: string): string {
    return `/services/rest/record/v1/${RECORD_TYPES[resource]}/eid:${encodeURIComponent(canonicalId)}`;
  }

  /** `PUT eid:` (NetSuite's idempotent upsert) and the cross-reference from the Location header. */
  private async upsert(resource: ErpResource, canonicalId: string, body: Record<string, unknown>): Promise<void> {
    const res = await this.client.request({
      method: 'PUT',
      path: this.path(resource, canonicalId),
      body,
      fields: FIELDS[resource],
    });
    const vendorId = res.headers.location?.split('/').pop();
    if (vendorId) await this.xrefs.put(this.vendor, resource, canonicalId, { vendorId });
  }

  private async read<T extends { id: string }>(
    resource: ErpResource,
    canonicalId: string,
    expand = false,
  ): Promise<T | undefined> {
    const res = await this.client.request<T>({
      method: 'GET',
      path: this.path(resource, canonicalId),
      query: expand ? { expandSubResources: true } : undefined,
    });
    if (res.status === 404) return undefined;
    await this.xrefs.put(this.vendor, resource, canonicalId, { vendorId: String(res.body.id) });
    return res.body;
  }

  private async requireExisting(resource: ErpResource, canonicalId: string, field: string): Promise<void> {
    if (await this.xrefs.get(this.vendor, resource, canonicalId)) return;
    if (!(await this.read(resource, canonicalId))) throw new MissingReferenceProblem(resource, canonicalId, field);
  }

  /** Canonical id of a NetSuite record: the cross-reference table, else the record's externalId. */
  private async canonicalId(resource: ErpResource, internalId: string): Promise<string> {
    const known = await this.xrefs.canonicalIdOf(this.vendor, resource, internalId);
    if (known) return known;
    const res = await this.client.request<{ externalId?: string }>({
      method: 'GET',
      path: `/services/rest/record/v1/${RECORD_TYPES[resource]}/${internalId}`,
    });
    const id =
      res.status === 200 && res.body.externalId
        ? res.body.externalId
        : `netsuite-${RECORD_TYPES[resource]}-${internalId}`;
    if (res.status === 200 && res.body.externalId)
      await this.xrefs.put(this.vendor, resource, id, { vendorId: internalId });
    return id;
  }

  private currencyTable(): Promise<Map<string, string>> {
    this.currencies ??= this.client
      .suiteql<{ id: number | string; symbol: string }>('SELECT id, symbol FROM currency')
      .then((rows) => new Map(rows.map((r) => [String(r.id), r.symbol])))
      .catch((error: unknown) => {
        this.currencies = undefined;
        throw error;
      });
    return this.currencies;
  }

  private async currencyCode(internalId: string): Promise<string> {
    const code = (await this.currencyTable()).get(internalId);
    if (!code) throw new MissingReferenceProblem('currency', internalId, 'currency');
    return code;
  }

  private async currencyId(code: string): Promise<string> {
    for (const [id, symbol] of await this.currencyTable()) if (symbol === code) return id;
    throw new MissingReferenceProblem('currency', code, 'currency');
  }
}
