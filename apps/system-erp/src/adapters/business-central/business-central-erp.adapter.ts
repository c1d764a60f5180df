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
  MoneyDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
} from '@app/contracts';
import { HttpClientFactory } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { budgetCurrencyProblem, ErpVendorProblem, MissingReferenceProblem } from '../../common/erp-problems';
import { CrossReference, CrossReferenceStore, ErpResource } from '../../cross-references/cross-reference.store';
import { LegalEntityTarget, MappingsService } from '../../mappings/mappings.service';
import { CustomerFilter, ErpAdapter, InvoiceChange, nameKeyProbe } from '../erp-adapter';
import { BusinessCentralClient, isAmbiguousFailure } from './business-central-client';
import { businessCentralConfig, BusinessCentralSettings } from './business-central.config';
import {
  bcExternalDocumentNumber,
  fromBcCreditMemo,
  toBcCreditMemo,
  bcNumberFor,
  fromBcCustomer,
  fromBcEmployee,
  fromBcInvoice,
  fromBcProject,
  toBcProjectPatch,
  fromBcTimeEntry,
  odataString,
  toBcCustomer,
  toBcEmployee,
  toBcInvoice,
  toBcTimeEntry,
  VENDOR,
} from './business-central.mapper';
import {
  BcCustomer,
  BcEmployee,
  BcEntity,
  BcInvoice,
  BcInvoiceLine,
  BcProject,
  BcTimeEntry,
  BcSubscription,
} from './business-central.types';

const SETS: Record<ErpResource, string> = {
  customer: 'customers',
  project: 'projects',
  employee: 'employees',
  'time-bill': 'timeRegistrationEntries',
  invoice: 'salesInvoices',
  'credit-memo': 'salesCreditMemos',
};

const FIELDS: Record<ErpResource, Record<string, string>> = {
  customer: { displayName: 'name', email: 'billingEmail', currencyCode: 'currency' },
  project: { displayName: 'name' },
  employee: {
    givenName: 'givenName',
    surname: 'familyName',
    email: 'email',
    jobTitle: 'jobTitle',
    employmentDate: 'hireDate',
    terminationDate: 'terminationDate',
    status: 'active',
  },
  'time-bill': { employeeId: 'workerId', jobId: 'projectId', date: 'date', quantity: 'minutes' },
  invoice: {
    customerId: 'customerId',
    invoiceDate: 'issueDate',
    dueDate: 'dueDate',
    lineObjectNumber: 'lines',
    quantity: 'lines',
    unitPrice: 'lines',
  },
  'credit-memo': {
    invoiceId: 'invoiceId',
    creditMemoDate: 'issueDate',
    lineObjectNumber: 'lines',
    quantity: 'lines',
    unitPrice: 'lines',
  },
};

/**
 * ErpAdapter on Business Central API v2.0. BC has no idempotency key, so every create is keyed by
 * something deterministic derived from the canonical id (customer/project/employee `number`,
 * invoice `externalDocumentNumber`; a time entry by its employee, job, date and quantity not yet
 * claimed by another time bill), looked up before the POST and again after an ambiguous failure
 * (timeout, 5xx), so a retried create never duplicates. Each record lives in the company mapped to
 * its legal entity; what BC has no field for is kept in the cross-reference.
 */
@Injectable()
export class BusinessCentralErpAdapter implements ErpAdapter {
  readonly vendor = VENDOR;
  private readonly client: BusinessCentralClient;

  constructor(
    http: HttpClientFactory,
    @Inject(businessCentralConfig.KEY) private readonly config: BusinessCentralSettings,
    private readonly mappings: MappingsService,
    private readonly xrefs: CrossReferenceStore,
  ) {
    this.client = new BusinessCentralClient(http, config);
  }

  // ---- customers ----

  async upsertCustomer(input: ErpCustomerInputDto): Promise<ErpCustomerDto> {
    const entity = await this.mappings.legalEntity(input.legalEntityId, 'legalEntityId');
    const record = await this.ensure<BcCustomer>(
      'customer',
      input.id,
      entity,
      `number eq ${odataString(bcNumberFor('C', input.id))}`,
      {
        number: bcNumberFor('C', input.id),
        ...toBcCustomer(input, entity.currency),
      },
    );
    return fromBcCustomer(record, {
      id: input.id,
      legalEntityId: entity.legalEntityId,
      localCurrency: entity.currency,
    });
  }

  async getCustomer(id: string): Promise<ErpCustomerDto | undefined> {
    const found = await this.read<BcCustomer>(
      'customer',
      id,
      (canonical) => `number eq ${odataString(bcNumberFor('C', canonical))}`,
    );
    if (!found) return undefined;
    return fromBcCustomer(found.record, {
      id,
      legalEntityId: found.entity.legalEntityId,
      localCurrency: found.entity.currency,
    });
  }

  async listCustomers(filter: CustomerFilter = {}): Promise<ErpCustomerDto[]> {
    // A name key narrows the read to names containing its longest word (BC's contains() ignores
    // case); system-erp then compares the whole key.
    const probe = nameKeyProbe(filter.nameKey);
    const query = probe ? { $filter: `contains(displayName,${odataString(probe)})` } : undefined;
    const out: ErpCustomerDto[] = [];
    for (const entity of await this.mappings.allLegalEntities()) {
      const records = await this.client.listAll<BcCustomer>({
        companyId: entity.target,
        path: 'customers',
        ...(query ? { query } : {}),
      });
      for (const record of records) {
        const id = await this.xrefs.canonicalIdOf(this.vendor, 'customer', record.id);
        if (id)
          out.push(fromBcCustomer(record, { id, legalEntityId: entity.legalEntityId, localCurrency: entity.currency }));
      }
    }
    return out;
  }

  // ---- projects ----

  async upsertProject(input: ErpProjectInputDto): Promise<ErpProjectDto> {
    const customer = await this.xrefOrLookup('customer', input.customerId, 'customerId');
    const entity = await this.mappings.legalEntityOfTarget(customer.scope!);
    const attributes = { customerId: input.customerId, ...(input.startDate ? { startDate: input.startDate } : {}) };
    const record = await this.ensure<BcProject>(
      'project',
      input.id,
      entity,
      `number eq ${odataString(bcNumberFor('J', input.id))}`,
      { number: bcNumberFor('J', input.id), displayName: input.name },
      attributes,
    );
    return fromBcProject(record, {
      id: input.id,
      customerId: input.customerId,
      legalEntityId: entity.legalEntityId,
      startDate: input.startDate,
    });
  }

  async getProject(id: string): Promise<ErpProjectDto | undefined> {
    const found = await this.read<BcProject>(
      'project',
      id,
      (canonical) => `number eq ${odataString(bcNumberFor('J', canonical))}`,
    );
    if (!found) return undefined;
    const attrs = found.xref.attributes as { customerId?: string; startDate?: string; budget?: MoneyDto };
    return fromBcProject(found.record, {
      id,
      customerId: attrs.customerId ?? '',
      legalEntityId: found.entity.legalEntityId,
      startDate: attrs.startDate,
      budget: attrs.budget,
    });
  }

  /**
   * `PATCH projects({id})` (If-Match) with the Job fields present (`endingDate`, `blocked`: `All` when
   * inactive). A Job has no budget field (BC budgets are planning lines): the budget is kept with the
   * cross-reference and answered from there.
   */
  async patchProject(id: string, patch: ErpProjectPatchDto): Promise<ErpProjectDto | undefined> {
    const found = await this.read<BcProject>(
      'project',
      id,
      (canonical) => `number eq ${odataString(bcNumberFor('J', canonical))}`,
    );
    if (!found) return undefined;
    if (patch.budget && patch.budget.currency !== found.entity.currency)
      throw budgetCurrencyProblem(found.entity.currency);
    const body = toBcProjectPatch(patch);
    if (Object.keys(body).length > 0)
      await this.client.request<BcProject>({
        method: 'PATCH',
        companyId: found.entity.target,
        path: `${SETS.project}(${found.record.id})`,
        body,
        headers: { 'if-match': found.record['@odata.etag'] ?? '*' },
        fields: { endingDate: 'endDate', blocked: 'status' },
      });
    if (patch.budget)
      await this.xrefs.put(this.vendor, 'project', id, {
        vendorId: found.record.id,
        scope: found.entity.target,
        attributes: { budget: patch.budget },
      });
    return this.getProject(id);
  }

  // ---- employees ----

  async upsertEmployee(input: ErpEmployeeInputDto): Promise<ErpEmployeeDto> {
    const entity = await this.mappings.legalEntity(input.legalEntityId, 'legalEntityId');
    const record = await this.ensure<BcEmployee>(
      'employee',
      input.id,
      entity,
      `number eq ${odataString(bcNumberFor('E', input.id))}`,
      { number: bcNumberFor('E', input.id), ...toBcEmployee(input) },
    );
    return fromBcEmployee(record, { id: input.id, legalEntityId: entity.legalEntityId });
  }

  async getEmployee(id: string): Promise<ErpEmployeeDto | undefined> {
    const found = await this.read<BcEmployee>(
      'employee',
      id,
      (canonical) => `number eq ${odataString(bcNumberFor('E', canonical))}`,
    );
    return found ? fromBcEmployee(found.record, { id, legalEntityId: found.entity.legalEntityId }) : undefined;
  }

  // ---- time bills ----

  async createTimeBill(input: ErpTimeBillInputDto): Promise<ErpTimeBillDto> {
    await this.mappings.item(input.role, 'role');
    const known = await this.getTimeBill(input.id);
    if (known) return known;
    const employee = await this.xrefOrLookup('employee', input.workerId, 'workerId');
    const project = await this.xrefOrLookup('project', input.projectId, 'projectId');
    if (employee.scope !== project.scope)
      throw new ErpVendorProblem(
        this.vendor,
        'CompanyMismatch',
        'The employee and the project belong to different companies',
        { field: 'projectId' },
      );
    const entity = await this.mappings.legalEntityOfTarget(employee.scope!);
    const body = toBcTimeEntry(input, employee.vendorId, project.vendorId);
    const filter = `employeeId eq ${employee.vendorId} and jobId eq ${project.vendorId} and date eq ${input.date} and quantity eq ${String(body.quantity)}`;
    const attributes = {
      role: input.role,
      billable: input.billable,
      ...(input.description ? { description: input.description } : {}),
    };
    await this.ensure<BcTimeEntry>('time-bill', input.id, entity, filter, body, attributes, true);
    return (await this.getTimeBill(input.id))!;
  }

  async getTimeBill(id: string): Promise<ErpTimeBillDto | undefined> {
    const xref = await this.xrefs.get(this.vendor, 'time-bill', id);
    if (!xref) return undefined;
    const res = await this.client.request<BcTimeEntry>({
      method: 'GET',
      companyId: xref.scope!,
      path: `timeRegistrationEntries(${xref.vendorId})`,
    });
    if (res.status === 404) return undefined;
    const attrs = xref.attributes as { role?: string; billable?: boolean; description?: string };
    return fromBcTimeEntry(res.body, {
      id,
      workerId: await this.canonicalId('employee', res.body.employeeId),
      projectId: res.body.jobId ? await this.canonicalId('project', res.body.jobId) : '',
      role: attrs.role ?? '',
      billable: attrs.billable ?? true,
      description: attrs.description,
    });
  }

  // ---- invoices ----

  async createInvoice(input: ErpInvoiceInputDto): Promise<ErpInvoiceDto> {
    const items = await Promise.all(input.lines.map((l, i) => this.mappings.item(l.role, `lines[${i}].role`)));
    const customer = await this.xrefOrLookup('customer', input.customerId, 'customerId');
    if (input.projectId) await this.xrefOrLookup('project', input.projectId, 'projectId');
    const entity = await this.mappings.legalEntityOfTarget(customer.scope!);
    const filter = `externalDocumentNumber eq ${odataString(bcExternalDocumentNumber(input.id))}`;
    await this.ensure<BcInvoice>(
      'invoice',
      input.id,
      entity,
      filter,
      toBcInvoice(input, customer.vendorId, items),
      input.projectId ? { projectId: input.projectId } : {},
      true,
    );
    return (await this.getInvoice(input.id))!;
  }

  async getInvoice(id: string): Promise<ErpInvoiceDto | undefined> {
    const found = await this.read<BcInvoice>(
      'invoice',
      id,
      (canonical) => `externalDocumentNumber eq ${odataString(bcExternalDocumentNumber(canonical))}`,
    );
    if (!found) return undefined;
    const lines = (
      await this.client.listAll<BcInvoiceLine>({
        companyId: found.entity.target,
        path: `salesInvoices(${found.record.id})/salesInvoiceLines`,
      })
    ).sort((a, b) => a.sequence - b.sequence);
    const roles = await Promise.all(lines.map((l) => this.mappings.roleOfItem(l.lineObjectNumber)));
    return fromBcInvoice(found.record, lines, {
      id,
      customerId: await this.canonicalId('customer', found.record.customerId),
      projectId: (found.xref.attributes as { projectId?: string }).projectId,
      legalEntityId: found.entity.legalEntityId,
      currency: found.record.currencyCode || found.entity.currency,
      roles,
    });
  }

  async postInvoice(id: string): Promise<ErpInvoiceDto | undefined> {
    const invoice = await this.getInvoice(id);
    if (!invoice) return undefined;
    if (invoice.status !== 'draft') return invoice;
    const xref = (await this.xrefs.get(this.vendor, 'invoice', id))!;
    try {
      await this.client.request({
        method: 'POST',
        companyId: xref.scope!,
        path: `salesInvoices(${xref.vendorId})/Microsoft.NAV.post`,
      });
    } catch (error) {
      // Posted by an earlier attempt whose answer was lost: the status tells.
      if (
        !isAmbiguousFailure(error) &&
        !(error instanceof ErpVendorProblem && error.vendorCode === 'Application_InvalidStatus')
      )
        throw error;
      const now = await this.getInvoice(id);
      if (now?.status === 'draft') throw error;
    }
    return this.getInvoice(id);
  }

  /** Created (deterministic externalDocumentNumber) and posted with Microsoft.NAV.post: issued, as in NetSuite. */
  async createCreditMemo(input: ErpCreditMemoInputDto, invoice: ErpInvoiceDto): Promise<ErpCreditMemoDto> {
    const items = await Promise.all(input.lines.map((l, i) => this.mappings.item(l.role, `lines[${i}].role`)));
    const invoiceRef = (await this.xrefs.get(this.vendor, 'invoice', input.invoiceId))!;
    const customer = await this.xrefOrLookup('customer', invoice.customerId, 'invoiceId');
    const entity = await this.mappings.legalEntityOfTarget(invoiceRef.scope!);
    const filter = `externalDocumentNumber eq ${odataString(bcExternalDocumentNumber(input.id))}`;
    const memo = await this.ensure<BcInvoice>(
      'credit-memo',
      input.id,
      entity,
      filter,
      toBcCreditMemo(input, customer.vendorId, invoiceRef.vendorId, items),
      {},
      true,
    );
    const current = await this.client.request<BcInvoice>({
      method: 'GET',
      companyId: entity.target,
      path: `salesCreditMemos(${memo.id})`,
    });
    if (current.body.status === 'Draft') {
      try {
        await this.client.request({
          method: 'POST',
          companyId: entity.target,
          path: `salesCreditMemos(${memo.id})/Microsoft.NAV.post`,
        });
      } catch (error) {
        if (!isAmbiguousFailure(error)) throw error;
      }
    }
    return (await this.getCreditMemo(input.id))!;
  }

  async getCreditMemo(id: string): Promise<ErpCreditMemoDto | undefined> {
    const found = await this.read<BcInvoice & { creditMemoDate: string; invoiceId?: string }>(
      'credit-memo',
      id,
      (canonical) => `externalDocumentNumber eq ${odataString(bcExternalDocumentNumber(canonical))}`,
    );
    if (!found) return undefined;
    const lines = (
      await this.client.listAll<BcInvoiceLine>({
        companyId: found.entity.target,
        path: `salesCreditMemos(${found.record.id})/salesCreditMemoLines`,
      })
    ).sort((a, b) => a.sequence - b.sequence);
    const roles = await Promise.all(lines.map((l) => this.mappings.roleOfItem(l.lineObjectNumber)));
    return fromBcCreditMemo(found.record, lines, {
      id,
      invoiceId: found.record.invoiceId ? await this.canonicalId('invoice', found.record.invoiceId) : '',
      customerId: await this.canonicalId('customer', found.record.customerId),
      legalEntityId: found.entity.legalEntityId,
      currency: found.record.currencyCode || found.entity.currency,
      roles,
    });
  }

  /** Sales invoices by lastModifiedDateTime in every mapped company (all pages), those with a canonical id. */
  async invoiceChangesSince(since: Date): Promise<InvoiceChange[]> {
    const out: InvoiceChange[] = [];
    for (const entity of await this.mappings.allLegalEntities()) {
      const records = await this.client.listAll<BcInvoice & { lastModifiedDateTime: string }>({
        companyId: entity.target,
        path: 'salesInvoices',
        query: { $filter: `lastModifiedDateTime ge ${since.toISOString()}`, $orderby: 'lastModifiedDateTime asc' },
      });
      for (const record of records) {
        const id = await this.xrefs.canonicalIdOf(this.vendor, 'invoice', record.id);
        const invoice = id ? await this.getInvoice(id) : undefined;
        if (invoice) out.push({ invoice, modifiedAt: record.lastModifiedDateTime });
      }
    }
    return out.sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt));
  }

  /** The invoice behind a sales invoice id of a company (a webhook notification), with its modification time. */
  async invoiceChangeOf(companyId: string, vendorId: string): Promise<InvoiceChange | undefined> {
    const res = await this.client.request<BcInvoice & { lastModifiedDateTime: string }>({
      method: 'GET',
      companyId,
      path: `salesInvoices(${vendorId})`,
    });
    if (res.status === 404) return undefined;
    const id = await this.xrefs.canonicalIdOf(this.vendor, 'invoice', vendorId);
    const invoice = id ? await this.getInvoice(id) : undefined;
    return invoice ? { invoice, modifiedAt: res.body.lastModifiedDateTime } : undefined;
  }

  // ---- webhook subscriptions (BC pushes change notifications to system-erp) ----

  /** `POST subscriptions`: BC first POSTs `?validationToken=` to the URL, which must echo it. */
  async createSubscription(resource: string, notificationUrl: string, clientState: string): Promise<BcSubscription> {
    const res = await this.client.request<BcSubscription>({
      method: 'POST',
      path: 'subscriptions',
      body: { notificationUrl, resource, clientState },
    });
    return res.body;
  }

  /** The subscription, or undefined when BC no longer has it (expired or deleted). */
  async getSubscription(id: string): Promise<BcSubscription | undefined> {
    const res = await this.client.request<BcSubscription>({ method: 'GET', path: `subscriptions('${id}')` });
    return res.status === 404 ? undefined : res.body;
  }

  /** Renewal: `PATCH subscriptions('id')` with its etag (a new handshake; three more days). */
  async renewSubscription(sub: BcSubscription): Promise<BcSubscription | undefined> {
    const res = await this.client.request<BcSubscription>({
      method: 'PATCH',
      path: `subscriptions('${sub.subscriptionId}')`,
      body: { notificationUrl: sub.notificationUrl, resource: sub.resource, clientState: sub.clientState },
      headers: { 'if-match': sub['@odata.etag'] ?? '*' },
    });
    return res.status === 404 ? undefined : res.body;
  }

  // ---- helpers ----

  /**
   * Finds the record by its deterministic key (claimed by no other canonical id) or creates it;
   * after an ambiguous failure, looks again before trying once more. Existing records are brought
   * up to date with PATCH (If-Match) unless `createOnly`.
   */
  private async ensure<T extends BcEntity>(
    resource: ErpResource,
    canonicalId: string,
    entity: LegalEntityTarget,
    filter: string,
    body: Record<string, unknown>,
    attributes: Record<string, unknown> = {},
    createOnly = false,
  ): Promise<T> {
    const set = SETS[resource];
    const find = async (): Promise<T | undefined> => {
      const candidates = await this.client.listAll<T>({
        companyId: entity.target,
        path: set,
        query: { $filter: filter },
      });
      for (const c of candidates) {
        const owner = await this.xrefs.canonicalIdOf(this.vendor, resource, c.id);
        if (!owner || owner === canonicalId) return c;
      }
      return undefined;
    };
    let record = await find();
    let lastError: unknown;
    for (let attempt = 0; !record && attempt < this.config.createAttempts; attempt++) {
      try {
        const res = await this.client.request<T>({
          method: 'POST',
          companyId: entity.target,
          path: set,
          body,
          fields: FIELDS[resource],
        });
        record = res.body;
      } catch (error) {
        if (!isAmbiguousFailure(error)) throw error;
        lastError = error;
        record = await find();
      }
    }
    if (!record)
      throw lastError instanceof Error
        ? lastError
        : new ErpVendorProblem(this.vendor, 'CreateFailed', `could not create the ${resource}`, { status: 502 });
    await this.xrefs.put(this.vendor, resource, canonicalId, { vendorId: record.id, scope: entity.target, attributes });
    if (!createOnly) record = await this.patchIfChanged(resource, entity.target, record, body);
    return record;
  }

  private async patchIfChanged<T extends BcEntity>(
    resource: ErpResource,
    companyId: string,
    record: T,
    body: Record<string, unknown>,
  ): Promise<T> {
    const changes = Object.fromEntries(
      Object.entries(body).filter(([k, v]) => k !== 'number' && (record as Record<string, unknown>)[k] !== v),
    );
    if (Object.keys(changes).length === 0) return record;
    const res = await this.client.request<T>({
      method: 'PATCH',
      companyId,
      path: `${SETS[resource]}(${record.id})`,
      body: changes,
      headers: { 'if-match': record['@odata.etag'] ?? '*' },
      fields: FIELDS[resource],
    });
    return res.body;
  }

  /** The record behind a canonical id: its cross-reference, else a search by key in every mapped company. */
  private async read<T extends BcEntity>(
    resource: ErpResource,
    canonicalId: string,
    keyFilter: (id: string) => string,
  ): Promise<{ record: T; entity: LegalEntityTarget; xref: CrossReference } | undefined> {
    let xref = await this.xrefs.get(this.vendor, resource, canonicalId);
    if (xref?.scope) {
      const res = await this.client.request<T>({
        method: 'GET',
        companyId: xref.scope,
        path: `${SETS[resource]}(${xref.vendorId})`,
      });
      if (res.status !== 404)
        return { record: res.body, entity: await this.mappings.legalEntityOfTarget(xref.scope), xref };
    }
    for (const entity of await this.mappings.allLegalEntities()) {
      const [record] = await this.client.listAll<T>({
        companyId: entity.target,
        path: SETS[resource],
        query: { $filter: keyFilter(canonicalId) },
      });
      if (record) {
        await this.xrefs.put(this.vendor, resource, canonicalId, { vendorId: record.id, scope: entity.target });
        xref = (await this.xrefs.get(this.vendor, resource, canonicalId))!;
        return { record, entity, xref };
      }
    }
    return undefined;
  }

  private async xrefOrLookup(
    resource: 'customer' | 'project' | 'employee',
    canonicalId: string,
    field: string,
  ): Promise<CrossReference> {
    const known = await this.xrefs.get(this.vendor, resource, canonicalId);
    if (known?.scope) return known;
    const prefix = resource === 'customer' ? 'C' : resource === 'project' ? 'J' : 'E';
    const found = await this.read(resource, canonicalId, (id) => `number eq ${odataString(bcNumberFor(prefix, id))}`);
    if (!found) throw new MissingReferenceProblem(resource, canonicalId, field);
    return found.xref;
  }

  private async canonicalId(resource: ErpResource, vendorId: string): Promise<string> {
    return (
      (await this.xrefs.canonicalIdOf(this.vendor, resource, vendorId)) ??
      `${this.vendor}-${SETS[resource]}-${vendorId}`
    );
  }
}
