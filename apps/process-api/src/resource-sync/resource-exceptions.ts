import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ExceptionsService, type OwningTeam } from '../exceptions';

/** A business exception the resource sync raises. */
export interface ResourceExceptionInput {
  kind: string;
  owningTeam: OwningTeam;
  businessKey: string;
  legalEntity: string;
  money: { amountMinor: number; currency: string } | null;
  reasons: string[];
  details?: Record<string, unknown>;
}

/** Where business exceptions go (a port, so the workflow can be tested alone). */
export interface ResourceExceptions {
  /** Idempotent by kind and business key while open; `manager` joins the caller's transaction. */
  raise(input: ResourceExceptionInput, manager?: EntityManager): Promise<void>;
}

export const RESOURCE_EXCEPTIONS = Symbol('RESOURCE_EXCEPTIONS');

/** The process layer's business exceptions (operations API), source `resource-sync`. */
@Injectable()
export class BusinessResourceExceptions implements ResourceExceptions {
  constructor(private readonly exceptions: ExceptionsService) {}

  async raise(input: ResourceExceptionInput, manager?: EntityManager): Promise<void> {
    await this.exceptions.raise(
      {
        kind: input.kind,
        owningTeam: input.owningTeam,
        businessKey: input.businessKey,
        legalEntity: input.legalEntity,
        moneyAtStake: input.money,
        reasons: input.reasons,
        details: input.details,
        source: 'resource-sync',
      },
      manager,
    );
  }
}
