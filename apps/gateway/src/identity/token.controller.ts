import { Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SigningKeysService } from './signing-keys.service';
import { OAuthError, parseBasic, TokenService } from './token.service';

/**
 * The OAuth2 token endpoint (client credentials, RFC 6749 4.4; its errors in the RFC 6749 5.2 shape,
 * not problem+json, as OAuth clients expect) and the JWKS. Both are open without credentials.
 */
@ApiExcludeController()
@Controller()
export class TokenController {
  constructor(
    private readonly tokens: TokenService,
    private readonly signingKeys: SigningKeysService,
  ) {}

  @Post('oauth2/token')
  @HttpCode(200)
  async token(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    try {
      const contentType = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (contentType !== 'application/x-www-form-urlencoded') {
        throw new OAuthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
      }
      const form = (req.body ?? {}) as Record<string, unknown>;
      const body = await this.tokens.issue(form, parseBasic(req.headers.authorization));
      await reply.status(200).send(body);
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      if (err.status === 401) {
        void reply.header('www-authenticate', 'Basic realm="gateway", charset="UTF-8"');
      }
      await reply.status(err.status).send({ error: err.error, error_description: err.description });
    }
  }

  @Get('.well-known/jwks.json')
  @Header('cache-control', 'public, max-age=60')
  jwks(): unknown {
    return this.signingKeys.jwks();
  }
}
