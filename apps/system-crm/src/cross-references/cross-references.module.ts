import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SalesforceAdapterModule } from '../adapters/salesforce/salesforce-adapter.module';
import { CrossReferencesController } from './cross-references.controller';
import { CrossReferenceStore } from './cross-reference.store';
import { CrossReferenceEntity } from './entities/cross-reference.entity';

/** Canonical id <-> CRM id, kept by every read and write, exposed read-only. */
@Module({
  imports: [TypeOrmModule.forFeature([CrossReferenceEntity]), SalesforceAdapterModule],
  controllers: [CrossReferencesController],
  providers: [CrossReferenceStore],
  exports: [CrossReferenceStore],
})
export class CrossReferencesModule {}
