import { isSalesforceId, makeSalesforceId, toId18 } from './salesforce-id';

describe('salesforce ids', () => {
  it('computes the documented case-safe suffix', () => {
    // Worked example from Salesforce's knowledge base: 001A0000006Vm9r -> 001A0000006Vm9rIAC
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    // last chunk 'ABCDE' is all upper case: bits 11111 = 31 -> '5'
    expect(toId18('0015g00000ABCDE')).toBe('0015g00000ABCDEAA5');
  });

  it('builds deterministic 18-character ids with the key prefix', () => {
    const id = makeSalesforceId('006', 1);
    expect(id).toHaveLength(18);
    expect(id.startsWith('0065g0000000001')).toBe(true);
    expect(makeSalesforceId('006', 1)).toBe(id);
    expect(makeSalesforceId('001', 62)).toMatch(/^0015g0000000010/);
    expect(isSalesforceId(id)).toBe(true);
  });

  it('validates ids', () => {
    expect(isSalesforceId('001A0000006Vm9r')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAC')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9riac')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rAAA')).toBe(false);
    expect(isSalesforceId('001-bad')).toBe(false);
    expect(isSalesforceId(42)).toBe(false);
    expect(toId18('nope')).toBeUndefined();
  });
});
