import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gatewayConfig } from '../gateway.config';
import { ApiKeyService } from './api-key.service';
import { ConsumersService } from './consumers.service';
import { ADMIN_SCOPE } from './identity';

export const DEMO_CONSUMER = 'demo';

/**
 * With DEMO_API_KEY set, the `demo` consumer exists at every start: internal, every scope the
 * published contracts declare plus `admin`, all products and entities, and that key.
 */
@Injectable()
export class DemoConsumerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoConsumerService.name);

  constructor(
    @Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>,
    private readonly consumers: ConsumersService,
    private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.demoApiKey;
    if (!key) return;
    const consumer = await this.consumers.ensure(DEMO_CONSUMER, {
      kind: 'internal',
      plan: 'internal',
      scopes: [...contractScopes(this.config.openapiDir), ADMIN_SCOPE],
      products: null,
      legalEntities: null,
      ipAllowList: null,
      disabled: false,
    });
    await this.keys.register(consumer.id, key);
    this.logger.log({ consumer: DEMO_CONSUMER, keyPrefix: key.slice(0, 12) }, 'demo API key registered');
  }
}

/** Every scope the system-layer contracts (`system.*.v<N>.json`) declare: what a service consumer gets. */
export function systemContractScopes(dir: string): string[] {
  return contractScopes(dir, /^system\.[a-z0-9-]+\.v\d+\.json$/);
}

/** Every scope any committed contract's security requirements name (optionally only the files matching). */
export function contractScopes(dir: string, only?: RegExp): string[] {
  const scopes = new Set<string>();
  const visit = (security: unknown): void => {
    if (!Array.isArray(security)) return;
    for (const req of security as Array<Record<string, unknown>>) {
      for (const list of Object.values(req ?? {})) if (Array.isArray(list)) list.forEach((s) => scopes.add(String(s)));
    }
  };
  for (const file of readdirSync(dir).filter(
    (f) => /^[a-z]+\.[a-z0-9-]+\.v\d+\.json$/.test(f) && (!only || only.test(f)),
  )) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      security?: unknown;
      paths?: Record<string, Record<string, { security?: unknown }>>;
    };
    visit(doc.security);
    for (const item of Object.values(doc.paths ?? {})) for (const op of Object.values(item)) visit(op?.security);
  }
  return [...scopes].sort();
}
