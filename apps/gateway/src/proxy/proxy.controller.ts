import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundProblem, ProblemError } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ContractRegistry } from '../contracts/contract-registry.service';
import { ApiKeyService } from '../identity/api-key.service';
import { ProxyService } from './proxy.service';

/**
 * The public edge for every layer's API: credentials first, then the contract decides whether the
 * operation exists and which app serves it, then the call is forwarded. Policy grows here (scopes,
 * quotas, versions, idempotency, audit) in the gateway issue.
 */
@ApiExcludeController()
@Controller()
export class ProxyController {
  constructor(
    private readonly contracts: ContractRegistry,
    private readonly keys: ApiKeyService,
    private readonly proxy: ProxyService,
  ) {}

  @All(['system/*', 'process/*', 'experience/*'])
  async forward(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const presented = req.headers['x-api-key'];
    if (typeof presented !== 'string' || presented.length === 0) {
      throw new UnauthorizedProblem('An API key is required: send it in the X-API-Key header.');
    }
    const consumer = await this.keys.authenticate(presented);
    if (!consumer) throw new UnauthorizedProblem('The API key is not valid (unknown, revoked or expired).');

    const urlPath = req.url.split('?')[0];
    const route = this.contracts.match(req.method, urlPath);
    if (!route) {
      if (this.contracts.hasPath(urlPath)) {
        throw new ProblemError({
          status: 405,
          type: 'method-not-allowed',
          title: 'Method Not Allowed',
          detail: `${req.method} is not an operation of ${urlPath}`,
        });
      }
      throw new NotFoundProblem(`No published contract declares ${req.method} ${urlPath}`);
    }
    await this.proxy.forward(route.operation.app, req, reply, consumer);
  }
}

class UnauthorizedProblem extends ProblemError {
  constructor(detail: string) {
    super({ status: 401, type: 'unauthorized', title: 'Unauthorized', detail });
  }
}
