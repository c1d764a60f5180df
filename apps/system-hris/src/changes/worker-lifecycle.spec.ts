import type { WorkerDto } from '@app/contracts';
import { changedFields, deriveLifecycle, isNewer } from './worker-lifecycle';

const base: WorkerDto = {
  id: 'W00042',
  crossReferences: { workday: 'abc' },
  employeeNumber: 'W00042',
  givenName: 'Lea',
  familyName: 'Weber',
  email: 'lea.weber@demo-firm.example',
  status: 'active',
  legalEntityId: 'DE-01',
  costCentre: 'DE-100',
  location: 'BER',
  managerId: 'W00007',
  role: 'consultant',
  costRate: { hourlyCost: { amountMinor: 9250, currency: 'EUR' }, effectiveFrom: '2025-01-01' },
  hireDate: '2019-04-01',
};
const w = (patch: Partial<WorkerDto>): WorkerDto => ({ ...base, ...patch });

describe('deriveLifecycle (two states of a worker -> lifecycle events)', () => {
  it('a worker never seen is a hire (and a termination when already gone)', () => {
    expect(deriveLifecycle(undefined, base)).toEqual([{ kind: 'hire', changedFields: [] }]);
    expect(
      deriveLifecycle(undefined, w({ status: 'terminated', terminationDate: '2025-02-01' })).map((c) => c.kind),
    ).toEqual(['hire', 'termination']);
  });

  it('status moves: leave, return, termination, rehire', () => {
    expect(deriveLifecycle(base, w({ status: 'on-leave' }))).toEqual([
      { kind: 'leave', previousStatus: 'active', changedFields: ['status'] },
    ]);
    expect(deriveLifecycle(w({ status: 'on-leave' }), base)).toEqual([
      { kind: 'return', previousStatus: 'on-leave', changedFields: ['status'] },
    ]);
    expect(deriveLifecycle(base, w({ status: 'terminated', terminationDate: '2025-06-30', location: 'MUC' }))).toEqual([
      { kind: 'termination', previousStatus: 'active', changedFields: ['status', 'location', 'terminationDate'] },
    ]);
    expect(
      deriveLifecycle(w({ status: 'terminated', terminationDate: '2024-01-01' }), w({ hireDate: '2025-05-01' }))[0],
    ).toMatchObject({
      kind: 'hire',
      previousStatus: 'terminated',
    });
  });

  it('a transfer of legal entity, cost centre, location or manager, with the previous values', () => {
    for (const [field, value] of [
      ['legalEntityId', 'UK-01'],
      ['costCentre', 'DE-200'],
      ['location', 'MUC'],
      ['managerId', 'W00009'],
    ] as const) {
      const [change] = deriveLifecycle(base, w({ [field]: value }));
      expect(change).toEqual({ kind: 'transfer', previous: { [field]: base[field] }, changedFields: [field] });
    }
    expect(deriveLifecycle(w({ managerId: undefined }), base)[0].previous).toEqual({ managerId: null });
  });

  it('a leave with a transfer gives both; other changes are an update; nothing changed gives nothing', () => {
    expect(deriveLifecycle(base, w({ status: 'on-leave', location: 'MUC' })).map((c) => c.kind)).toEqual([
      'leave',
      'transfer',
    ]);
    expect(deriveLifecycle(base, w({ role: 'senior-consultant' }))).toEqual([
      { kind: 'update', changedFields: ['role'] },
    ]);
    expect(
      deriveLifecycle(
        base,
        w({ costRate: { hourlyCost: { amountMinor: 9300, currency: 'EUR' }, effectiveFrom: '2025-03-01' } }),
      ),
    ).toEqual([{ kind: 'update', changedFields: ['costRate'] }]);
    expect(
      deriveLifecycle(
        base,
        w({ costRate: { ...base.costRate, effectiveFrom: '2025-09-09' }, updatedAt: '2025-09-09T00:00:00Z' }),
      ),
    ).toEqual([]);
  });

  it('compares a jsonb snapshot by value, whatever its key order', () => {
    const fromJsonb = {
      ...base,
      costRate: { effectiveFrom: '2025-01-01', hourlyCost: { currency: 'EUR', amountMinor: 9250 } },
    };
    expect(changedFields(fromJsonb as WorkerDto, base)).toEqual([]);
  });

  it('isNewer: later, or same instant but different', () => {
    const snapshot = { modifiedAt: new Date('2025-03-01T10:00:00.000Z'), worker: base };
    expect(isNewer(new Date('2025-03-01T10:00:00.001Z'), base, snapshot)).toBe(true);
    expect(isNewer(new Date('2025-03-01T10:00:00.000Z'), base, snapshot)).toBe(false);
    expect(isNewer(new Date('2025-03-01T10:00:00.000Z'), w({ location: 'MUC' }), snapshot)).toBe(true);
    expect(isNewer(new Date('2025-03-01T09:59:59.000Z'), w({ location: 'MUC' }), snapshot)).toBe(false);
  });
});
