import { Module } from '@nestjs/common';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

@Module({
  imports: [SalesforceAdapterModule],
  controllers: [AccountsController],
  providers: [AccountsService],
})
export class AccountsModule {}
