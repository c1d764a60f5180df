import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, KeyObject, randomBytes } from 'node:crypto';
import { MoreThan, Repository } from 'typeorm';
import { NetSuiteError, NetSuiteOAuthError } from '../common/netsuite-error';
import { netsuiteSandboxConfig, NetSuiteSandboxSettings } from '../netsuite-sandbox.config';
import { AssertionRejected, loadPublicKey, verifyClientAssertion } from './client-assertion';
import { NetSuiteTokenEntity } from './entities/netsuite-token.entity';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** NetSuite's token response (`expires_in` is a string, as NetSuite sends it). */
export interface NetSuiteTokenResponse {
  access_token: string;
  expires_in: string;
  token_type: 'Bearer';
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** OAuth 2.0 machine-to-machine (client credentials with a signed client assertion) and token checks. */
@Injectable()
export class NetSuiteTokenService {
  private readonly publicKey: KeyObject;

  constructor(
    @InjectRepository(NetSuiteTokenEntity) private readonly tokens: Repository<NetSuiteTokenEntity>,
    @Inject(netsuiteSandboxConfig.KEY) private readonly config: NetSuiteSandboxSettings,
  ) {
    this.publicKey = loadPublicKey(config.publicKey);
  }

  async issue(params: Record<string, unknown>, tokenUrl: string): Promise<NetSuiteTokenResponse> {
    if (params.grant_type !== 'client_credentials') {
      throw new NetSuiteOAuthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    if (params.client_assertion_type !== CLIENT_ASSERTION_TYPE || typeof params.client_assertion !== 'string') {
      throw new NetSuiteOAuthError(
        400,
        'invalid_request',
        `client_assertion_type must be ${CLIENT_ASSERTION_TYPE} with a client_assertion`,
      );
    }
    try {
      verifyClientAssertion(params.client_assertion, {
        publicKey: this.publicKey,
        clientId: this.config.clientId,
        certificateId: this.config.certificateId,
        audience: tokenUrl,
        now: Math.floor(Date.now() / 1000),
      });
    } catch (error) {
      if (error instanceof AssertionRejected) throw new NetSuiteOAuthError(400, error.error, error.message);
      throw error;
    }
    const accessToken = `eyJraWQiOiJzYW5kYm94In0.${randomBytes(48).toString('base64url')}`;
    const issuedAt = new Date();
    await this.tokens.insert({
      tokenHash: sha256(accessToken),
      clientId: this.config.clientId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + this.config.tokenTtlSeconds * 1000),
    });
    return { access_token: accessToken, expires_in: String(this.config.tokenTtlSeconds), token_type: 'Bearer' };
  }

  /** 401 INVALID_LOGIN unless the bearer token is known and unexpired. */
  async verify(authorization: string | undefined): Promise<void> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw NetSuiteError.invalidLogin();
    const found = await this.tokens.exist({ where: { tokenHash: sha256(token), expiresAt: MoreThan(new Date()) } });
    if (!found) throw NetSuiteError.invalidLogin();
  }

  /** Test control: every token expires now. */
  async expireAll(): Promise<number> {
    const result = await this.tokens.update({ expiresAt: MoreThan(new Date()) }, { expiresAt: new Date() });
    return result.affected ?? 0;
  }
}
