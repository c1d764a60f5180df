import type { AppDefinition } from '@app/platform';
import { GatewayModule } from './gateway.module';

/** The only public edge: credentials, contract-driven routing and forwarding to the layers behind it. */
export const gatewayApp: AppDefinition = {
  name: 'gateway',
  module: GatewayModule,
  portEnv: 'GATEWAY_PORT',
  defaultPort: 8080,
  schema: 'gateway',
  apis: [],
};
