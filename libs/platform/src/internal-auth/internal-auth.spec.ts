import { Controller, Get, Module } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppDefinition } from '../app-definition';
import { bootstrapApp, RunningApp } from '../bootstrap/bootstrap-app';
import { PlatformModule } from '../platform.module';
import { Caller, CallerIdentity, PublicRoute } from './caller';

const APP = 'guarded-app';

@Controller('system/guarded/v1')
class GuardedController {
  @Get('whoami')
  whoami(@Caller() caller: CallerIdentity) {
    return {
      consumerId: caller.consumerId,
      consumerName: caller.consumerName,
      scopes: caller.scopes,
      legalEntities: caller.legalEntities,
      seesUS: caller.sees('US-01'),
      seesDE: caller.sees('DE-01'),
    };
  }

  /** A vendor webhook: signed by the vendor, not by the gateway. */
  @PublicRoute()
  @Get('webhook')
  webhook() {
    return { ok: true };
  }
}

@Module({ imports: [PlatformModule.forApp({ name: APP })], controllers: [GuardedController] })
class GuardedModule {}

const definition: AppDefinition = {
  name: APP,
  module: GuardedModule,
  portEnv: 'GUARDED_PORT',
  defaultPort: 0,
  apis: [],
};

describe('internal auth: apps behind the gateway accept only its internal token', () => {
  let jwks: Server;
  let app: RunningApp;
  let privateKey: KeyLike;
  let otherKey: KeyLike;
  const saved = { ...process.env };

  const sign = (
    claims: Record<string, unknown>,
    opts: { aud?: string; iss?: string; exp?: string; key?: KeyLike; kid?: string } = {},
  ) =>
    new SignJWT({ token_use: 'internal', scope: 'crm:read', consumer: 'acme', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? 'k1' })
      .setIssuer(opts.iss ?? 'ps-gateway')
      .setAudience(opts.aud ?? APP)
      .setSubject('consumer-1')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '2m')
      .sign(opts.key ?? privateKey);

  const call = (path: string, token?: string) =>
    fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    process.env.INTERNAL_AUTH = 'required';
    process.env.GATEWAY_JWKS_URL = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    app = await bootstrapApp(definition, { port: 0, host: '127.0.0.1', logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((r) => jwks?.close(r));
    process.env = saved;
  });

  it('answers 401 problem+json without a token, naming the way in', async () => {
    const res = await call('/system/guarded/v1/whoami');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, detail: expect.stringContaining('through the gateway') });
  });

  it.each([
    ['another app (aud)', () => sign({}, { aud: 'system-erp' })],
    ['another issuer', () => sign({}, { iss: 'someone-else' })],
    ['an expired token', () => sign({}, { exp: '-10s' })],
    ['a key the gateway does not publish', () => sign({}, { key: otherKey })],
    ['an access token (not token_use internal)', () => sign({ token_use: undefined })],
    ['garbage', () => Promise.resolve('not.a.jwt')],
  ])('refuses %s with 401', async (_what, token) => {
    const res = await call('/system/guarded/v1/whoami', await token());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an HS256 token made with the public key as its secret', async () => {
    const pub = await exportJWK((await generateKeyPair('ES256')).publicKey);
    const forged = await new SignJWT({ token_use: 'internal' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer('ps-gateway')
      .setAudience(APP)
      .setExpirationTime('2m')
      .sign(new TextEncoder().encode(JSON.stringify(pub)));
    expect((await call('/system/guarded/v1/whoami', forged)).status).toBe(401);
  });

  it('passes a valid token and hands the identity to the handler', async () => {
    const token = await sign({ scope: 'crm:read crm:write', legal_entities: ['US-01'] });
    for (let i = 0; i < 2; i++) {
      const res = await call('/system/guarded/v1/whoami', token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        consumerId: 'consumer-1',
        consumerName: 'acme',
        scopes: ['crm:read', 'crm:write'],
        legalEntities: ['US-01'],
        seesUS: true,
        seesDE: false,
      });
    }
    const unbound = await (await call('/system/guarded/v1/whoami', await sign({}))).json();
    expect(unbound).toMatchObject({ legalEntities: null, seesUS: true, seesDE: true });
  });

  it('leaves health, metrics and @PublicRoute handlers open', async () => {
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/metrics')).status).toBe(200);
    expect((await call('/system/guarded/v1/webhook')).status).toBe(200);
  });
});
