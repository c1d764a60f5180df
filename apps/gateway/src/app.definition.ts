import type { AppDefinition } from '@app/platform';
import { GatewayModule } from './gateway.module';

/** The only public edge: credentials, contract-driven routing and forwarding to the layers behind it. */
export const gatewayApp: AppDefinition = {
  name: 'gateway',
  module: GatewayModule,
  portEnv: 'GATEWAY_PORT',
  defaultPort: 8080,
  schema: 'gateway',
  // Its own process: no AsyncLocalStorage on the hot path; the correlation travels on the request.
  asyncContext: false,
  apis: [
    {
      layer: 'gateway',
      product: 'admin',
      version: 1,
      title: 'Gateway admin API',
      description:
        'For product owners and operators (the admin scope): consumers, their plans, scopes, products, legal entities and IP allow-lists; API keys (issue, rotate with an overlap window, revoke); OAuth2 clients; token-signing keys.',
      lifecycle: 'active',
    },
  ],
};
