import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsIn, IsString, Matches } from 'class-validator';

export const ERP_VENDORS = ['netsuite', 'business-central'] as const;
export type ErpVendor = (typeof ERP_VENDORS)[number];

/** Which ERP system-erp speaks to, and for which firm. */
export class ErpConfig {
  /** `netsuite` or `business-central`: one adapter is active; nothing else in the product knows which. */
  @IsIn(ERP_VENDORS, { message: `vendor must be one of: ${ERP_VENDORS.join(', ')}` })
  vendor: ErpVendor = 'netsuite';

  /** The firm whose mapping tables apply. */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'firmId must be a lowercase slug' })
  firmId: string = 'demo-firm';
}

export const erpConfig = defineConfig('erp', ErpConfig, (env) => ({
  vendor: env.ERP_VENDOR,
  firmId: env.ERP_FIRM_ID,
}));

export type ErpSettings = ConfigType<typeof erpConfig>;
