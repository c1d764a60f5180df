import { Module } from '@nestjs/common';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { CrossReferencesModule } from '../cross-references/cross-references.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

@Module({
  imports: [SalesforceAdapterModule, CrossReferencesModule],
  controllers: [AccountsController],
  providers: [AccountsService],
})
export class AccountsModule {}
