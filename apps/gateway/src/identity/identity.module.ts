import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { gatewayConfig } from '../gateway.config';
import { HttpAdapterHost } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { FastifyInstance } from 'fastify';
import { ApiKeyService } from './api-key.service';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthenticationService } from './authentication.service';
import { BearerStrategy } from './bearer.strategy';
import { ConsumersService } from './consumers.service';
import { CredentialVerifierService } from './credential-verifier.service';
import { DemoConsumerService } from './demo-consumer.service';
import { ServiceConsumersService } from './service-consumers.service';
import { identityConfig } from './identity.config';
import { IdentityCacheService } from './identity-cache.service';
import { IdentityEventsService } from './identity-events.service';
import { OAuthClientsService } from './oauth-clients.service';
import { SigningKeysService } from './signing-keys.service';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

/**
 * Consumers and their credentials: API keys and OAuth2 client credentials (ES256 JWTs, JWKS), the
 * passport strategies, and AuthenticationService, the pipeline's entry point.
 */
@Module({
  imports: [ConfigModule.forFeature(identityConfig), ConfigModule.forFeature(gatewayConfig), PassportModule],
  controllers: [TokenController],
  providers: [
    IdentityEventsService,
    IdentityCacheService,
    SigningKeysService,
    CredentialVerifierService,
    ApiKeyStrategy,
    BearerStrategy,
    AuthenticationService,
    ConsumersService,
    ApiKeyService,
    OAuthClientsService,
    TokenService,
    DemoConsumerService,
    ServiceConsumersService,
  ],
  exports: [
    AuthenticationService,
    ConsumersService,
    ApiKeyService,
    OAuthClientsService,
    SigningKeysService,
    IdentityEventsService,
  ],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * The token endpoint reads application/x-www-form-urlencoded (a repeated field becomes an array), and
   * every 401 the gateway gives names the schemes it accepts (RFC 9110 WWW-Authenticate; RFC 6750
   * `error="invalid_token"` when a bearer token was presented).
   */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onSend', (req, reply, payload, done) => {
      if (reply.statusCode === 401 && !reply.hasHeader('www-authenticate')) {
        const bearer = /^Bearer\s/i.test(req.headers.authorization ?? '');
        void reply.header(
          'www-authenticate',
          bearer
            ? 'Bearer realm="gateway", error="invalid_token"'
            : 'Bearer realm="gateway", ApiKey header="X-API-Key"',
        );
      }
      done(null, payload);
    });
    if (fastify.hasContentTypeParser('application/x-www-form-urlencoded')) return;
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = form[k];
        form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, form);
    });
  }
}
