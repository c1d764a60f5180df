import { withoutPersonalData } from './workday-client';
import { splitDescriptor, toHrisWorker, WorkdayMappingError } from './workday-worker.mapper';
import type { WorkdayReportRow, WorkdayWorkerSummary } from './workday.types';

describe('Workday worker mapper (report row + REST summary -> HrisWorker)', () => {
  const row: WorkdayReportRow = {
    Employee_ID: 'W00042',
    Worker_Status: 'On_Leave',
    Hire_Date: '2019-04-01',
    Legal_Entity: 'DE-01',
    Cost_Center: 'DE-100',
    Location: 'BER',
    Manager_ID: 'W00007',
    Job_Profile: 'Senior Consultant',
    Work_Email: 'lea.weber@demo-firm.example',
    Hourly_Cost_Rate: '92.5',
    Cost_Rate_Currency: 'EUR',
    Last_Updated: '2025-03-04T10:11:12.345Z',
  };
  const summary: WorkdayWorkerSummary = {
    id: '0123456789abcdef0123456789abcdef',
    descriptor: 'Lea Maria Weber',
    primaryWorkEmail: 'lea.weber@demo-firm.example',
  };

  it('maps every field', () => {
    expect(toHrisWorker(row, summary)).toEqual({
      id: 'W00042',
      employeeNumber: 'W00042',
      crossReferences: { workday: '0123456789abcdef0123456789abcdef' },
      updatedAt: '2025-03-04T10:11:12.345Z',
      modifiedAt: '2025-03-04T10:11:12.345Z',
      givenName: 'Lea',
      familyName: 'Maria Weber',
      email: 'lea.weber@demo-firm.example',
      status: 'on-leave',
      legalEntityId: 'DE-01',
      costCentre: 'DE-100',
      location: 'BER',
      managerId: 'W00007',
      jobProfile: 'Senior Consultant',
      hireDate: '2019-04-01',
      costRate: { hourlyCost: { amountMinor: 9250, currency: 'EUR' }, effectiveFrom: '2025-03-04' },
    });
  });

  it('maps each status and the termination date; no manager at the top', () => {
    expect(toHrisWorker({ ...row, Worker_Status: 'Active' }, summary).status).toBe('active');
    const left = toHrisWorker({ ...row, Worker_Status: 'Terminated', Termination_Date: '2025-01-31-08:00' }, summary);
    expect(left).toMatchObject({ status: 'terminated', terminationDate: '2025-01-31' });
    const { Manager_ID: _none, ...top } = row;
    expect(toHrisWorker(top, summary).managerId).toBeUndefined();
  });

  it('converts the cost rate by string math into minor units of its currency', () => {
    const rate = (Hourly_Cost_Rate: string, Cost_Rate_Currency = 'USD') =>
      toHrisWorker({ ...row, Hourly_Cost_Rate, Cost_Rate_Currency }, summary).costRate.hourlyCost;
    expect(rate('0.29')).toEqual({ amountMinor: 29, currency: 'USD' });
    expect(rate('1234567.89')).toEqual({ amountMinor: 123456789, currency: 'USD' });
    expect(rate('85', 'GBP')).toEqual({ amountMinor: 8500, currency: 'GBP' });
    expect(rate('9500', 'JPY')).toEqual({ amountMinor: 9500, currency: 'JPY' });
  });

  it('rejects what the canonical model cannot hold, naming the canonical field', () => {
    const fieldOf = (r: WorkdayReportRow, s: WorkdayWorkerSummary | undefined = summary) => {
      try {
        toHrisWorker(r, s);
        return undefined;
      } catch (e) {
        return e instanceof WorkdayMappingError ? e.field : String(e);
      }
    };
    expect(fieldOf({ ...row, Worker_Status: 'Retired' })).toBe('status');
    expect(fieldOf({ ...row, Cost_Rate_Currency: 'XYZ' })).toBe('costRate.hourlyCost.currency');
    expect(fieldOf({ ...row, Hourly_Cost_Rate: '12.345' })).toBe('costRate.hourlyCost.amountMinor');
    expect(fieldOf({ ...row, Hourly_Cost_Rate: 'abc' })).toBe('costRate.hourlyCost.amountMinor');
    expect(fieldOf({ ...row, Legal_Entity: '' })).toBe('legalEntityId');
    expect(fieldOf({ ...row, Job_Profile: undefined })).toBe('role');
    expect(fieldOf({ ...row, Last_Updated: 'soon' })).toBe('updatedAt');
    expect(() => toHrisWorker(row, undefined)).toThrow(WorkdayMappingError);
  });

  it('splits the descriptor at the first space', () => {
    expect(splitDescriptor('  Logan   McNeil ')).toEqual({ givenName: 'Logan', familyName: 'McNeil' });
    expect(splitDescriptor('Cher')).toEqual({ givenName: 'Cher', familyName: 'Cher' });
  });

  it('drops personal and unknown columns as soon as a row is parsed', () => {
    const raw = {
      ...row,
      Personal_Email: 'me@home.example',
      Date_of_Birth: '1990-01-01',
      Home_Address: '1 Main St',
      Something_Else: 'x',
      Hire_Date: 20190401,
    };
    const kept = withoutPersonalData(raw);
    expect(Object.keys(kept)).not.toEqual(expect.arrayContaining(['Personal_Email']));
    expect(JSON.stringify(kept)).not.toMatch(/home\.example|1990-01-01|Main St|Something_Else/);
    expect(kept.Hire_Date).toBeUndefined();
    expect(kept.Employee_ID).toBe('W00042');
  });
});
