import { ConflictProblem, UnprocessableProblem } from '@app/platform';
import { salesforceWriteProblem } from './salesforce-errors';

const FIELDS = { Name: 'name', Legal_Entity__c: 'legalEntity', AccountId: 'accountId' };

describe('salesforceWriteProblem (Salesforce write error -> problem+json)', () => {
  it('400 with fields: 422 keeping vendor, vendorCode and the canonical field', () => {
    const p = salesforceWriteProblem(
      400,
      [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }],
      FIELDS,
      'account',
    );
    expect(p).toBeInstanceOf(UnprocessableProblem);
    expect(p.toProblem()).toMatchObject({
      status: 422,
      vendor: 'salesforce',
      vendorCode: 'REQUIRED_FIELD_MISSING',
      field: 'name',
      errors: [
        {
          field: 'name',
          vendorField: 'Name',
          vendorCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [Name]',
        },
      ],
    });
    expect(p.detail).toBe(
      'salesforce rejected the account: REQUIRED_FIELD_MISSING: Required fields are missing: [Name]',
    );
  });

  it('maps field names case-insensitively and every field of every error', () => {
    const p = salesforceWriteProblem(
      400,
      [
        { errorCode: 'REQUIRED_FIELD_MISSING', message: 'missing', fields: ['name', 'AccountId'] },
        { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'bad value', fields: ['Legal_Entity__c'] },
      ],
      FIELDS,
      'opportunity',
    );
    expect((p.extra.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([
      'name',
      'accountId',
      'legalEntity',
    ]);
  });

  it('INVALID_FIELD without fields: the column named in the message; unknown fields fall back to the resource', () => {
    const p = salesforceWriteProblem(
      400,
      [{ errorCode: 'INVALID_FIELD', message: "No such column 'Legal_Entity__c' on sobject of type Account" }],
      FIELDS,
      'account',
    );
    expect(p.extra).toMatchObject({ vendorCode: 'INVALID_FIELD', field: 'legalEntity' });
    const unknown = salesforceWriteProblem(
      400,
      [{ errorCode: 'X', message: 'y', fields: ['Other__c'] }],
      FIELDS,
      'account',
    );
    expect(unknown.extra).toMatchObject({ field: 'account', errors: [{ field: 'account', vendorField: 'Other__c' }] });
  });

  it('300 (several records with the external id): 409', () => {
    const p = salesforceWriteProblem(300, ['/services/data/v60.0/sobjects/Account/001...'], FIELDS, 'account');
    expect(p).toBeInstanceOf(ConflictProblem);
    expect(p.extra).toMatchObject({ vendor: 'salesforce', vendorCode: 'MULTIPLE_CHOICES', field: 'id' });
  });

  it('a body that is not an error array still names the vendor and the status', () => {
    const p = salesforceWriteProblem(400, 'oops', FIELDS, 'contract');
    expect(p.extra).toMatchObject({ vendor: 'salesforce', vendorCode: 'HTTP_400', field: 'contract' });
  });
});
