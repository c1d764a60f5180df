import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PSA_ADAPTER } from '../psa-adapter';
import { KantataClient } from './kantata-client';
import { KantataPsaAdapter } from './kantata-psa.adapter';
import { kantataConfig } from './kantata.config';

/** Provides PSA_ADAPTER backed by Kantata OX. */
@Module({
  imports: [ConfigModule.forFeature(kantataConfig)],
  providers: [KantataClient, KantataPsaAdapter, { provide: PSA_ADAPTER, useExisting: KantataPsaAdapter }],
  exports: [PSA_ADAPTER, KantataClient],
})
export class KantataAdapterModule {}
