import { CallHandler, CanActivate, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { FaultDecision } from '../../common/fault-plan';
import { NetSuiteError } from '../common/netsuite-error';
import { NetSuiteFaultsService } from '../control/netsuite-faults.service';
import { netsuiteSandboxConfig, NetSuiteSandboxSettings } from '../netsuite-sandbox.config';
import { NetSuiteTokenService } from './netsuite-token.service';

const FAULT_CODES: Record<number, string> = { 429: 'CONCURRENCY_LIMIT_EXCEEDED', 503: 'SERVICE_UNAVAILABLE' };

type FaultedRequest = FastifyRequest & { netsuiteFaultAfter?: FaultDecision };

export function faultError(decision: FaultDecision): NetSuiteError {
  const status = decision.status ?? 500;
  return new NetSuiteError(
    status,
    FAULT_CODES[status] ?? 'UNEXPECTED_ERROR',
    `Fault injected by the sandbox (HTTP ${status}).`,
  );
}

/** Requests in flight for the account (NetSuite's account concurrency governance). */
@Injectable()
export class NetSuiteConcurrency {
  inFlight = 0;
}

/**
 * Front door of `/services/rest/record` and `/query`: the account's concurrency limit (429
 * CONCURRENCY_LIMIT_EXCEEDED; a slow request holds its slot), injected faults, then the bearer token
 * (401 INVALID_LOGIN).
 */
@Injectable()
export class NetSuiteApiGuard implements CanActivate {
  constructor(
    private readonly faults: NetSuiteFaultsService,
    private readonly tokens: NetSuiteTokenService,
    private readonly concurrency: NetSuiteConcurrency,
    @Inject(netsuiteSandboxConfig.KEY) private readonly config: NetSuiteSandboxSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (this.concurrency.inFlight >= this.config.concurrencyLimit) {
      throw new NetSuiteError(429, 'CONCURRENCY_LIMIT_EXCEEDED', 'Concurrent request limit exceeded. Request blocked.');
    }
    this.concurrency.inFlight += 1;
    reply.raw.once('close', () => {
      this.concurrency.inFlight -= 1;
    });
    await applyFault(this.faults, request);
    await this.tokens.verify(request.headers.authorization);
    return true;
  }
}

/** Delays and/or fails the request as the active fault says; an `after` fault is left for NetSuiteFaultAfter. */
export async function applyFault(faults: NetSuiteFaultsService, request: FaultedRequest): Promise<void> {
  const decision = faults.decide(request.method, request.url);
  if (!decision) return;
  await faults.sleep(decision.delayMs);
  if (decision.status === undefined) return;
  if (decision.phase === 'after') request.netsuiteFaultAfter = decision;
  else throw faultError(decision);
}

/** Faults only (the token endpoint). */
@Injectable()
export class NetSuiteFaultGuard implements CanActivate {
  constructor(private readonly faults: NetSuiteFaultsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await applyFault(this.faults, context.switchToHttp().getRequest<FaultedRequest>());
    return true;
  }
}

/** An `after` fault: the handler has done its work (it persists), then the caller gets the error. */
@Injectable()
export class NetSuiteFaultAfter implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    return next.handle().pipe(
      switchMap((value: unknown) =>
        from(
          (async () => {
            if (request.netsuiteFaultAfter) throw faultError(request.netsuiteFaultAfter);
            return value;
          })(),
        ),
      ),
    );
  }
}
