import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpClientFactory } from '@app/platform';
import { SystemApiClient } from './system-api.client';
import { systemApisConfig } from './system-apis.config';

export interface Money {
  amountMinor: number;
  currency: string;
}

/** `PATCH /system/erp/v1/projects/{id}`: only the fields present change. */
export interface ErpProjectPatch {
  endDate?: string;
  budget?: Money;
  status?: 'active' | 'inactive';
}

/** `PATCH /system/psa/v1/projects/{id}`: only the fields present change. */
export interface PsaProjectPatch {
  endDate?: string;
  budget?: Money;
  status?: 'planned' | 'active' | 'on-hold' | 'completed' | 'cancelled' | 'archived';
}

/** The fields process-api reads of a system resource; the rest passes through untyped. */
export type SystemResource = Record<string, unknown> & { id: string };
export interface Page<T> {
  items: T[];
  total?: number;
}

const enc = encodeURIComponent;

/** system-crm: accounts, opportunities (read, write-back of project code and stage), contracts. */
@Injectable()
export class SystemCrmClient {
  readonly client: SystemApiClient;
  constructor(factory: HttpClientFactory, @Inject(systemApisConfig.KEY) config: ConfigType<typeof systemApisConfig>) {
    this.client = new SystemApiClient('crm', factory, config);
  }
  getOpportunity(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/opportunities/${enc(id)}`);
  }
  getAccount(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/accounts/${enc(id)}`);
  }
  listContracts(query: Record<string, string>): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/contracts', { query });
  }
  writeBackOpportunity(id: string, body: { projectCode?: string; stage?: string }): Promise<SystemResource> {
    return this.client.call('PATCH', `/opportunities/${enc(id)}`, { body, retryable: true });
  }
}

/** system-erp: customers (find by id or filter, create), projects. */
@Injectable()
export class SystemErpClient {
  readonly client: SystemApiClient;
  constructor(factory: HttpClientFactory, @Inject(systemApisConfig.KEY) config: ConfigType<typeof systemApisConfig>) {
    this.client = new SystemApiClient('erp', factory, config);
  }
  getCustomer(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/customers/${enc(id)}`);
  }
  listCustomers(query: Record<string, string>): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/customers', { query });
  }
  createCustomer(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/customers', { body, idempotencyKey });
  }
  getProject(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/projects/${enc(id)}`);
  }
  createProject(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/projects', { body, idempotencyKey });
  }
  /** Changes the fields present (safe to repeat): end date, budget, `inactive` stops postings (compensation). */
  patchProject(id: string, body: ErpProjectPatch): Promise<SystemResource> {
    return this.client.call('PATCH', `/projects/${enc(id)}`, { body, retryable: true });
  }
  listEmployees(query: Record<string, string>): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/employees', { query });
  }
  getEmployee(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/employees/${enc(id)}`);
  }
  createEmployee(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/employees', { body, idempotencyKey });
  }
  /** Changes the fields present (safe to repeat): cost rate, legal entity, `terminationDate` (null clears), `active`. */
  patchEmployee(id: string, body: Record<string, unknown>): Promise<SystemResource> {
    return this.client.call('PATCH', `/employees/${enc(id)}`, { body, retryable: true });
  }
}

/** system-psa: projects (workspaces), milestones, users, assignments, time entries, rate cards. */
@Injectable()
export class SystemPsaClient {
  readonly client: SystemApiClient;
  constructor(factory: HttpClientFactory, @Inject(systemApisConfig.KEY) config: ConfigType<typeof systemApisConfig>) {
    this.client = new SystemApiClient('psa', factory, config);
  }
  getProject(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/projects/${enc(id)}`);
  }
  listProjects(query: Record<string, string>): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/projects', { query });
  }
  createProject(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/projects', { body, idempotencyKey });
  }
  /** Changes the fields present (safe to repeat); `archived` archives the workspace (compensation, closure). */
  patchProject(id: string, body: PsaProjectPatch): Promise<SystemResource> {
    return this.client.call('PATCH', `/projects/${enc(id)}`, { body, retryable: true });
  }
  /** Creates the milestone under this id or brings it up to date (safe to repeat). */
  upsertMilestone(
    projectId: string,
    milestoneId: string,
    body: { name: string; dueDate?: string; amount: Money },
  ): Promise<SystemResource> {
    return this.client.call('PUT', `/projects/${enc(projectId)}/milestones/${enc(milestoneId)}`, {
      body,
      retryable: true,
    });
  }
  listMilestones(projectId: string): Promise<Page<SystemResource>> {
    return this.client.call('GET', `/projects/${enc(projectId)}/milestones`);
  }
  createMilestone(projectId: string, body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', `/projects/${enc(projectId)}/milestones`, { body, idempotencyKey });
  }
  listRateCards(query: Record<string, string> = {}): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/rate-cards', { query });
  }
  /** A new effective-dated version of a rate card (safe to repeat with the same date and rates). */
  createRateCardVersion(
    rateCardId: string,
    body: { effectiveFrom: string; billRates: Array<{ role: string; hourlyRate: Money }> },
  ): Promise<SystemResource> {
    return this.client.call('POST', `/rate-cards/${enc(rateCardId)}/versions`, { body, retryable: true });
  }
  listUsers(query: Record<string, string> = {}): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/users', { query });
  }
  getUser(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/users/${enc(id)}`);
  }
  /** Creates the worker's user once (idempotent by the worker id the PSA keeps as external reference). */
  createUser(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/users', { body, idempotencyKey });
  }
  /** Changes the fields present (safe to repeat): name, email, role, `active`. */
  patchUser(id: string, body: Record<string, unknown>): Promise<SystemResource> {
    return this.client.call('PATCH', `/users/${enc(id)}`, { body, retryable: true });
  }
  listAssignments(projectId: string): Promise<Page<SystemResource>> {
    return this.client.call('GET', `/projects/${enc(projectId)}/assignments`);
  }
  listTimeEntries(query: Record<string, string>): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/time-entries', { query });
  }
}

/** system-billing: billing customers (Stripe behind it). */
@Injectable()
export class SystemBillingClient {
  readonly client: SystemApiClient;
  constructor(factory: HttpClientFactory, @Inject(systemApisConfig.KEY) config: ConfigType<typeof systemApisConfig>) {
    this.client = new SystemApiClient('billing', factory, config);
  }
  getCustomer(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/customers/${enc(id)}`);
  }
  createCustomer(body: Record<string, unknown>, idempotencyKey: string): Promise<SystemResource> {
    return this.client.call('POST', '/customers', { body, idempotencyKey });
  }
}

/** system-hris: workers and job-profile mappings. */
@Injectable()
export class SystemHrisClient {
  readonly client: SystemApiClient;
  constructor(factory: HttpClientFactory, @Inject(systemApisConfig.KEY) config: ConfigType<typeof systemApisConfig>) {
    this.client = new SystemApiClient('hris', factory, config);
  }
  listWorkers(query: Record<string, string> = {}): Promise<Page<SystemResource>> {
    return this.client.call('GET', '/workers', { query });
  }
  getWorker(id: string): Promise<SystemResource | undefined> {
    return this.client.find(`/workers/${enc(id)}`);
  }
}
