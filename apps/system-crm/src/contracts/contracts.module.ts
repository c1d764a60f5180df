import { Module } from '@nestjs/common';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { CrossReferencesModule } from '../cross-references/cross-references.module';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  imports: [SalesforceAdapterModule, CrossReferencesModule],
  controllers: [ContractsController],
  providers: [ContractsService],
})
export class ContractsModule {}
