import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { Matches } from 'class-validator';

/** system-hris settings that are not about one vendor. */
export class HrisConfig {
  /** The firm whose mappings (job profile -> role) apply. */
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'firm must be a lowercase code (letters, digits, -)' })
  firm: string = 'demo-firm';
}

export const hrisConfig = defineConfig('hris', HrisConfig, (env) => ({ firm: env.HRIS_FIRM }));

export type HrisSettings = ConfigType<typeof hrisConfig>;
