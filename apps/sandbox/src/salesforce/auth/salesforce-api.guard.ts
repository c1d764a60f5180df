import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { SalesforceFaultDecision, SandboxFaultsService } from '../control/sandbox-faults.service';
import { ApiUsageService } from '../limits/api-usage.service';
import { isSupportedApiVersion } from '../common/api-versions';
import { OAuthTokenService } from './oauth-token.service';

/**
 * Front door of the REST API (`/services/data/vXX.X/...`): injected faults, the API version in the
 * path, the bearer session (`Authorization: Bearer <token>`, or the legacy `OAuth <token>`), then the
 * daily request count (`Sforce-Limit-Info` on the response; 403 past the limit).
 */
@Injectable()
export class SalesforceApiGuard implements CanActivate {
  constructor(
    private readonly faults: SandboxFaultsService,
    private readonly tokens: OAuthTokenService,
    private readonly usage: ApiUsageService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    await applyFault(this.faults, request, reply);
    const version = (request.params as Record<string, string> | undefined)?.version;
    if (version !== undefined && !isSupportedApiVersion(version)) throw SalesforceApiError.notFound();
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    await this.tokens.verify(match?.[1]);
    const usage = await this.usage.consume();
    void reply.header('Sforce-Limit-Info', ApiUsageService.header(usage));
    if (usage.used > usage.limit) throw ApiUsageService.limitExceeded();
    return true;
  }
}

/** Faults only (the OAuth endpoints and the unauthenticated version list). */
@Injectable()
export class SandboxFaultGuard implements CanActivate {
  constructor(private readonly faults: SandboxFaultsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await applyFault(this.faults, http.getRequest<FaultedRequest>(), http.getResponse<FastifyReply>());
    return true;
  }
}

/**
 * Error codes of injected faults. Salesforce's daily limit is 403 REQUEST_LIMIT_EXCEEDED (the real
 * counter, ApiUsageService); transient throttling is injected as 429 (or 503) with the same
 * REQUEST_LIMIT_EXCEEDED code and a Retry-After header, the shape a client's retry policy must honour.
 */
const FAULT_CODES: Record<number, string> = {
  403: 'REQUEST_LIMIT_EXCEEDED',
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'UNKNOWN_EXCEPTION',
  502: 'UNKNOWN_EXCEPTION',
  503: 'SERVER_UNAVAILABLE',
  504: 'UNKNOWN_EXCEPTION',
};

type FaultedRequest = FastifyRequest & { salesforceFault?: SalesforceFaultDecision };

/** The injected error, in Salesforce's array shape. */
export function faultError(status: number): SalesforceApiError {
  return new SalesforceApiError(status, {
    message: `Fault injected by the sandbox (HTTP ${status})`,
    errorCode: FAULT_CODES[status] ?? (status >= 500 ? 'UNKNOWN_EXCEPTION' : 'INVALID_REQUEST'),
  });
}

/**
 * Delays and/or fails the request as the active fault says. An `after` fault or a malformed body is
 * left on the request for SalesforceFaultAfter (the handler runs first, its effect persists).
 */
async function applyFault(faults: SandboxFaultsService, request: FaultedRequest, reply: FastifyReply): Promise<void> {
  const decision = faults.decide(request.method, request.url);
  if (!decision) return;
  await faults.sleep(decision.delayMs);
  if (decision.status !== undefined && decision.retryAfterSeconds !== undefined) {
    void reply.header('Retry-After', String(decision.retryAfterSeconds));
  }
  if (decision.status !== undefined && decision.phase === 'before') throw faultError(decision.status);
  if (decision.status !== undefined || decision.malformed) request.salesforceFault = decision;
}

/** After the handler: an `after` fault's error, or a truncated (unparseable) JSON body. */
@Injectable()
export class SalesforceFaultAfter implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      switchMap((value: unknown) =>
        from(
          (async () => {
            const fault = request.salesforceFault;
            if (!fault) return value;
            if (fault.status !== undefined) throw faultError(fault.status);
            const json = JSON.stringify(value ?? {});
            void reply.header('content-type', 'application/json;charset=UTF-8');
            return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
          })(),
        ),
      ),
    );
  }
}
