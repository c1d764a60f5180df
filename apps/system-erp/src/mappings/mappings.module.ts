import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { erpConfig } from '../erp.config';
import { ItemMappingEntity } from './entities/item-mapping.entity';
import { LegalEntityMappingEntity } from './entities/legal-entity-mapping.entity';
import { TaxRateEntity } from './entities/tax-rate.entity';
import { MappingsController } from './mappings.controller';
import { MappingsService } from './mappings.service';

/** The firm's mapping tables (legal entity -> subsidiary/company, role -> item) and their API. */
@Module({
  imports: [
    ConfigModule.forFeature(erpConfig),
    TypeOrmModule.forFeature([LegalEntityMappingEntity, ItemMappingEntity, TaxRateEntity]),
  ],
  controllers: [MappingsController],
  providers: [MappingsService],
  exports: [MappingsService],
})
export class MappingsModule {}
