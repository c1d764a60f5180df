/** A statement the SuiteQL engine cannot parse or run (NetSuite answers 400 INVALID_PARAMETER). */
export class SuiteQlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteQlError';
  }
}
