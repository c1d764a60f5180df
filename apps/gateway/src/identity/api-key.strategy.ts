import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { CredentialVerifierService } from './credential-verifier.service';
import type { ConsumerIdentity } from './identity';

export const API_KEY_STRATEGY = 'api-key';

/** Passport strategy: the `X-API-Key` header. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, API_KEY_STRATEGY) {
  constructor(private readonly verifier: CredentialVerifierService) {
    super();
  }

  validate(req: FastifyRequest): Promise<ConsumerIdentity> {
    return this.verifier.apiKey(String(req.headers['x-api-key'] ?? ''));
  }
}
