import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { gatewayConfig } from '../gateway.config';
import { ApiKeyService } from './api-key.service';
import { ConsumersService } from './consumers.service';
import { systemContractScopes } from './demo-consumer.service';

/**
 * GATEWAY_SERVICE_KEYS="process-api=<key>[,other=<key>]": each named internal consumer (an app of the
 * product that calls the system APIs through the gateway, API-led) exists at every start with every
 * scope the system-layer contracts declare, all products and entities, and its key. Idempotent.
 */
@Injectable()
export class ServiceConsumersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ServiceConsumersService.name);

  constructor(
    @Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>,
    private readonly consumers: ConsumersService,
    private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const services = this.config.serviceKeys ?? {};
    if (Object.keys(services).length === 0) return;
    const scopes = systemContractScopes(this.config.openapiDir);
    for (const [name, key] of Object.entries(services)) {
      const consumer = await this.consumers.ensure(name, {
        kind: 'internal',
        plan: 'internal',
        scopes,
        products: null,
        legalEntities: null,
        ipAllowList: null,
        disabled: false,
      });
      await this.keys.register(consumer.id, key);
      this.logger.log({ consumer: name, keyPrefix: key.slice(0, 8) }, 'service consumer key registered');
    }
  }
}
