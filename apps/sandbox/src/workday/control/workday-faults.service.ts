import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { WorkdayApiError } from '../common/workday-api.error';

/** A fault injected into the vendor API (test and demo control, in memory per app instance). */
export interface WorkdayFault {
  /** Answer with this HTTP status instead of serving (e.g. 503, 500). */
  status?: number;
  /** Wait this long before serving (or failing). */
  delayMs?: number;
  /** How many requests the fault applies to; unlimited until cleared when absent. */
  times?: number;
  /** Only requests whose path starts with this (default: the whole /ccx tree). */
  pathPrefix?: string;
}

@Injectable()
export class WorkdayFaultsService implements OnModuleDestroy {
  private fault: WorkdayFault | undefined;
  private readonly sleepers = new Set<() => void>();

  set(fault: WorkdayFault): void {
    this.fault = { ...fault };
  }

  clear(): void {
    this.fault = undefined;
  }

  current(): WorkdayFault | undefined {
    return this.fault ? { ...this.fault } : undefined;
  }

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
      throw new WorkdayApiError(
        fault.status,
        fault.status === 429 ? 'Too many requests' : `Fault injected by the sandbox (HTTP ${fault.status})`,
        undefined,
        fault.status === 429 || fault.status === 503 ? { 'retry-after': '1' } : {},
      );
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

  onModuleDestroy(): void {
    this.fault = undefined;
    for (const wake of [...this.sleepers]) wake();
  }
}
