import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MoreThan, Repository } from 'typeorm';
import { BcError, EntraError } from '../common/bc-error';
import { businessCentralSandboxConfig, BusinessCentralSandboxSettings } from '../business-central-sandbox.config';
import { BcTokenEntity } from './entities/bc-token.entity';

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function same(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));
}

/** Entra ID client credentials for Business Central, and bearer checks (tokens stored hashed). */
@Injectable()
export class BcTokenService {
  constructor(
    @InjectRepository(BcTokenEntity) private readonly tokens: Repository<BcTokenEntity>,
    @Inject(businessCentralSandboxConfig.KEY) private readonly config: BusinessCentralSandboxSettings,
  ) {}

  async issue(tenant: string, params: Record<string, unknown>) {
    if (tenant !== this.config.tenantId)
      throw new EntraError(400, 'invalid_request', `Tenant '${tenant}' not found.`, 90002);
    if (params.grant_type !== 'client_credentials')
      throw new EntraError(
        400,
        'unsupported_grant_type',
        'The provided value for the input parameter grant_type is not valid.',
        70003,
      );
    if (params.scope !== BC_SCOPE)
      throw new EntraError(400, 'invalid_scope', `The provided value for scope is not valid; use ${BC_SCOPE}.`, 70011);
    const clientId = typeof params.client_id === 'string' ? params.client_id : '';
    const secret = typeof params.client_secret === 'string' ? params.client_secret : '';
    if (!same(clientId, this.config.clientId))
      throw new EntraError(
        400,
        'unauthorized_client',
        `Application with identifier '${clientId}' was not found in the directory.`,
        700016,
      );
    if (!same(secret, this.config.clientSecret))
      throw new EntraError(401, 'invalid_client', 'Invalid client secret provided.', 7000215);
    const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(48).toString('base64url')}`;
    await this.tokens.insert({
      tokenHash: sha256(accessToken),
      clientId,
      expiresAt: new Date(Date.now() + this.config.tokenTtlSeconds * 1000),
    });
    return {
      token_type: 'Bearer',
      expires_in: this.config.tokenTtlSeconds,
      ext_expires_in: this.config.tokenTtlSeconds,
      access_token: accessToken,
    };
  }

  /** The client id behind a valid bearer token; 401 otherwise. */
  async verify(authorization: string | undefined): Promise<string> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw BcError.unauthorized();
    const row = await this.tokens.findOne({ where: { tokenHash: sha256(token), expiresAt: MoreThan(new Date()) } });
    if (!row) throw BcError.unauthorized();
    return row.clientId;
  }

  async expireAll(): Promise<number> {
    const result = await this.tokens.update({ expiresAt: MoreThan(new Date()) }, { expiresAt: new Date() });
    return result.affected ?? 0;
  }
}
