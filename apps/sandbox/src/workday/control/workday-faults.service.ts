import { CallHandler, ExecutionContext, Injectable, NestInterceptor, OnModuleDestroy } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { FaultDecision, FaultPlan } from '../../common/fault-plan';
import { WorkdayApiError } from '../common/workday-api.error';

/** A request that may carry an `after` fault (served, then answered with the error). */
export type FaultedRequest = FastifyRequest & { workdayFaultAfter?: FaultDecision };

/** Fault injection of the Workday sandbox (the shared seeded FaultPlan, one per app instance). */
@Injectable()
export class WorkdayFaultsService extends FaultPlan implements OnModuleDestroy {
  /** Delays and/or fails the request as the active fault says; an `after` fault is left for WorkdayFaultAfter. */
  async apply(request: FaultedRequest): Promise<void> {
    const decision = this.decide(request.method, request.url);
    if (!decision) return;
    await this.sleep(decision.delayMs);
    if (decision.status === undefined) return;
    if (decision.phase === 'after') request.workdayFaultAfter = decision;
    else throw faultError(decision);
  }

  onModuleDestroy(): void {
    this.release();
  }
}

/** The injected failure in Workday's REST error shape (429 and 503 with Retry-After). */
export function faultError(decision: FaultDecision): WorkdayApiError {
  const status = decision.status ?? 500;
  const retryAfter = decision.retryAfterSeconds ?? 1;
  return new WorkdayApiError(
    status,
    status === 429 ? 'Too many requests' : `Fault injected by the sandbox (HTTP ${status})`,
    undefined,
    status === 429 || status === 503 ? { 'retry-after': String(retryAfter) } : {},
  );
}

/** An `after` fault: the handler has done its work (it persists), then the caller gets the error. */
@Injectable()
export class WorkdayFaultAfter implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FaultedRequest>();
    return next.handle().pipe(
      switchMap((value: unknown) =>
        from(
          (async () => {
            if (request.workdayFaultAfter) throw faultError(request.workdayFaultAfter);
            return value;
          })(),
        ),
      ),
    );
  }
}
