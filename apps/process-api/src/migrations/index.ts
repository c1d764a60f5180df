// Maintained by `npm run migrations:generate`: every migration of this app, oldest first.
import type { MigrationInterface } from 'typeorm';
import { InitialProcessSchema1795309122488 } from './1795309122488-InitialProcessSchema';
import { ResourceSync1795321360917 } from './1795321360917-ResourceSync';
import { BusinessExceptions1795321602853 } from './1795321602853-BusinessExceptions';
import { ProvisioningWorkflow1795321977552 } from './1795321977552-ProvisioningWorkflow';
import { Billing1795329343965 } from './1795329343965-Billing';
import { ContractAmendments1795329859736 } from './1795329859736-ContractAmendments';
import { ProvisioningCompensations1795330039732 } from './1795330039732-ProvisioningCompensations';
import { BillingFeedback1795330252277 } from './1795330252277-BillingFeedback';

export const migrations: Array<new () => MigrationInterface> = [
  InitialProcessSchema1795309122488,
  ResourceSync1795321360917,
  BusinessExceptions1795321602853,
  ProvisioningWorkflow1795321977552,
  Billing1795329343965,
  ContractAmendments1795329859736,
  ProvisioningCompensations1795330039732,
  BillingFeedback1795330252277,
];
