import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PSA_ADAPTER } from '../psa-adapter';
import { PSA_INVOICE_ADAPTER } from '../psa-invoice-adapter';
import { KantataClient } from './kantata-client';
import { KantataInvoiceAdapter } from './kantata-invoice.adapter';
import { KantataPsaAdapter } from './kantata-psa.adapter';
import { kantataConfig } from './kantata.config';

/** Provides PSA_ADAPTER and PSA_INVOICE_ADAPTER backed by Kantata OX. */
@Module({
  imports: [ConfigModule.forFeature(kantataConfig)],
  providers: [
    KantataClient,
    KantataPsaAdapter,
    { provide: PSA_ADAPTER, useExisting: KantataPsaAdapter },
    KantataInvoiceAdapter,
    { provide: PSA_INVOICE_ADAPTER, useExisting: KantataInvoiceAdapter },
  ],
  exports: [PSA_ADAPTER, PSA_INVOICE_ADAPTER, KantataClient],
})
export class KantataAdapterModule {}
