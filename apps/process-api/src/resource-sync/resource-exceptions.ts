import { Injectable, Logger } from '@nestjs/common';

/** A business exception the resource sync raises (P1's ExceptionsService.raise takes the same shape). */
export interface ResourceExceptionInput {
  kind: string;
  owningTeam: 'resource-management' | 'finance-operations' | 'pmo';
  businessKey: string;
  legalEntity: string;
  money: { amountMinor: number; currency: string } | null;
  reasons: string[];
}

/** Where business exceptions go: the process layer's exceptions module (idempotent by kind and key while open). */
export interface ResourceExceptions {
  raise(input: ResourceExceptionInput): Promise<void>;
}

export const RESOURCE_EXCEPTIONS = Symbol('RESOURCE_EXCEPTIONS');

/** Until the exceptions module is wired: the exception is logged (its facts are in the holds and reports). */
@Injectable()
export class LoggedResourceExceptions implements ResourceExceptions {
  private readonly log = new Logger('ResourceExceptions');
  async raise(input: ResourceExceptionInput): Promise<void> {
    this.log.warn(
      `Business exception ${input.kind} ${input.businessKey} (${input.legalEntity}): ${input.reasons.join('; ')}`,
    );
    return Promise.resolve();
  }
}
