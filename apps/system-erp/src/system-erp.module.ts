import { MessagingModule } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { ErpAdapterModule } from './adapters/erp-adapter.module';
import { ChangesModule } from './changes/changes.module';
import { CreditMemosController } from './credit-memos/credit-memos.controller';
import { CustomersController } from './customers/customers.controller';
import { EmployeesController } from './employees/employees.controller';
import { ErpRecordsService } from './erp-records.service';
import { InvoicesController } from './invoices/invoices.controller';
import { MappingsModule } from './mappings/mappings.module';
import { systemErpPersistence } from './persistence';
import { ProjectsController } from './projects/projects.controller';
import { TimeBillsController } from './time-bills/time-bills.controller';

export const SYSTEM_ERP_APP_NAME = 'system-erp';

/** Root module of system-erp: the ERP system API (canonical customers, projects, employees, time, invoices). */
@Module({
  imports: [
    PlatformModule.forApp({ name: SYSTEM_ERP_APP_NAME }),
    PersistenceModule.forApp(systemErpPersistence),
    MessagingModule.forApp({ appName: SYSTEM_ERP_APP_NAME, schema: systemErpPersistence.schema }),
    MappingsModule,
    ErpAdapterModule,
    ChangesModule,
  ],
  controllers: [
    CustomersController,
    ProjectsController,
    EmployeesController,
    TimeBillsController,
    InvoicesController,
    CreditMemosController,
  ],
  providers: [ErpRecordsService],
})
export class SystemErpModule {}
