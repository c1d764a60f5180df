import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MoreThan, Repository } from 'typeorm';
import { WorkdayApiError, WorkdayOAuthError } from '../common/workday-api.error';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';
import { WorkdayTokenEntity } from './entities/workday-token.entity';

/** Workday's token response to a refresh-token grant. */
export interface WorkdayTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  refresh_token: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function same(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));
}

/** Client credentials from `Authorization: Basic base64(id:secret)` or the form body. */
export function clientCredentials(
  authorization: string | undefined,
  params: Record<string, unknown>,
): { clientId: string; clientSecret: string } {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { clientId: str(params.client_id), clientSecret: str(params.client_secret) };
}

@Injectable()
export class WorkdayTokenService {
  constructor(
    @InjectRepository(WorkdayTokenEntity) private readonly tokens: Repository<WorkdayTokenEntity>,
    @Inject(workdaySandboxConfig.KEY) private readonly config: WorkdaySandboxSettings,
  ) {}

  /** OAuth 2.0 refresh-token grant of an API client registered for integrations. */
  async issue(authorization: string | undefined, params: Record<string, unknown>): Promise<WorkdayTokenResponse> {
    const { clientId, clientSecret } = clientCredentials(authorization, params);
    if (!same(clientId, this.config.clientId) || !same(clientSecret, this.config.clientSecret)) {
      throw new WorkdayOAuthError(401, 'invalid_client', 'Invalid client credentials');
    }
    if (params.grant_type !== 'refresh_token') {
      throw new WorkdayOAuthError(400, 'unsupported_grant_type', 'Only grant_type=refresh_token is supported');
    }
    const refreshToken = typeof params.refresh_token === 'string' ? params.refresh_token : '';
    if (!same(refreshToken, this.config.refreshToken)) {
      throw new WorkdayOAuthError(400, 'invalid_grant', 'Invalid refresh token');
    }
    const accessToken = randomBytes(30).toString('base64url');
    const issuedAt = new Date();
    await this.tokens.insert({
      tokenHash: sha256(accessToken),
      clientId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + this.config.tokenTtlSeconds * 1000),
    });
    return { access_token: accessToken, token_type: 'Bearer', refresh_token: this.config.refreshToken };
  }

  /** Throws 401 unless the token is known and unexpired. */
  async verify(accessToken: string | undefined): Promise<void> {
    if (!accessToken) throw WorkdayApiError.invalidToken();
    const found = await this.tokens.exist({
      where: { tokenHash: sha256(accessToken), expiresAt: MoreThan(new Date()) },
    });
    if (!found) throw WorkdayApiError.invalidToken();
  }

  /** Test control: every access token expires now. */
  async expireAll(): Promise<number> {
    const result = await this.tokens.update({ expiresAt: MoreThan(new Date()) }, { expiresAt: new Date() });
    return result.affected ?? 0;
  }
}
