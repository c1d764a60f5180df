import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { CredentialVerifierService } from './credential-verifier.service';
import type { ConsumerIdentity } from './identity';

export const BEARER_STRATEGY = 'bearer-jwt';

/** Passport strategy: `Authorization: Bearer <jwt>` issued by the gateway's token endpoint. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, BEARER_STRATEGY) {
  constructor(private readonly verifier: CredentialVerifierService) {
    super();
  }

  validate(req: FastifyRequest): Promise<ConsumerIdentity> {
    return this.verifier.bearer((req.headers.authorization ?? '').slice('Bearer '.length).trim());
  }
}
