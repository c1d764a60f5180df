import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { ChangesModule } from './changes/changes.module';
import { ContractsModule } from './contracts/contracts.module';
import { CrossReferencesModule } from './cross-references/cross-references.module';
import { CrmInvoicesModule } from './invoices/invoices.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { systemCrmPersistence } from './persistence';

export const SYSTEM_CRM_APP_NAME = 'system-crm';

/** Root module of system-crm: the CRM system API (canonical accounts, opportunities, contracts, invoice records) and its change feeds. */
@Module({
  imports: [
    PlatformModule.forApp({ name: SYSTEM_CRM_APP_NAME }),
    PersistenceModule.forApp(systemCrmPersistence),
    MessagingModule.forApp({ appName: SYSTEM_CRM_APP_NAME, schema: systemCrmPersistence.schema }),
    AccountsModule,
    OpportunitiesModule,
    ContractsModule,
    CrossReferencesModule,
    CrmInvoicesModule,
    ChangesModule,
  ],
})
export class SystemCrmModule {}
