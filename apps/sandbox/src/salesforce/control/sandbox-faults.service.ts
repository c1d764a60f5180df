import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { SalesforceApiError } from '../common/salesforce-api.error';

/** A fault injected into the vendor API (test and demo control, in memory per app instance). */
export interface SandboxFault {
  /** Answer with this HTTP status instead of serving (e.g. 503, 500, 429). */
  status?: number;
  /** Wait this long before serving (or failing): makes the vendor slow. */
  delayMs?: number;
  /** How many requests the fault applies to; unlimited until cleared when absent. */
  times?: number;
  /** Only requests whose path starts with this (default: the whole /services tree). */
  pathPrefix?: string;
}

const ERROR_CODES: Record<number, string> = {
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'UNKNOWN_EXCEPTION',
  502: 'UNKNOWN_EXCEPTION',
  503: 'SERVER_UNAVAILABLE',
};

@Injectable()
export class SandboxFaultsService implements OnModuleDestroy {
  private fault: SandboxFault | undefined;
  private readonly sleepers = new Set<() => void>();

  set(fault: SandboxFault): void {
    this.fault = { ...fault };
  }

  clear(): void {
    this.fault = undefined;
  }

  current(): SandboxFault | undefined {
    return this.fault ? { ...this.fault } : undefined;
  }

  /** Applies the active fault to one request: delays it and/or throws the configured error. */
  async apply(path: string): Promise<void> {
    const fault = this.fault;
    if (!fault) return;
    if (fault.pathPrefix && !path.startsWith(fault.pathPrefix)) return;
    if (fault.times !== undefined) {
      if (fault.times <= 0) {
        this.fault = undefined;
        return;
      }
      fault.times -= 1;
    }
    if (fault.delayMs) await this.sleep(fault.delayMs);
    if (fault.status) {
      throw new SalesforceApiError(fault.status, {
        message: `Fault injected by the sandbox (HTTP ${fault.status})`,
        errorCode: ERROR_CODES[fault.status] ?? 'UNKNOWN_EXCEPTION',
      });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.sleepers.add(done);
    });
  }

  /** Shutting down: release delayed requests at once so close() does not wait for them. */
  onModuleDestroy(): void {
    this.fault = undefined;
    for (const wake of [...this.sleepers]) wake();
  }
}
