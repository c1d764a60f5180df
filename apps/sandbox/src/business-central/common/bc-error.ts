/** Business Central's error body: `{"error":{"code":"...","message":"..."}}`. */
export class BcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BcError';
  }

  static unauthorized(): BcError {
    return new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
  }

  static notFound(what: string): BcError {
    return new BcError(
      404,
      'BadRequest_NotFound',
      `The ${what} does not exist. Identification fields and values: Id='...'`,
    );
  }

  static badRequest(code: string, message: string): BcError {
    return new BcError(400, code, message);
  }
}

/** Entra ID's token endpoint errors (`{error, error_description, error_codes, timestamp, trace_id}`). */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly errorCode: number,
  ) {
    super(`${error}: ${description}`);
    this.name = 'EntraError';
  }
}
