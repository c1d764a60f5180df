import { Module } from '@nestjs/common';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { CrossReferencesModule } from '../cross-references/cross-references.module';
import { OpportunitiesController } from './opportunities.controller';
import { OpportunitiesService } from './opportunities.service';

@Module({
  imports: [SalesforceAdapterModule, CrossReferencesModule],
  controllers: [OpportunitiesController],
  providers: [OpportunitiesService],
})
export class OpportunitiesModule {}
