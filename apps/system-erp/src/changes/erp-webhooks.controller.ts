import { PublicRoute } from '@app/platform';
import { Body, Controller, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BusinessCentralWebhooks } from './business-central-webhooks.service';

/**
 * Change notifications pushed by the ERP (Business Central webhook subscriptions). Public: the vendor
 * calls it directly, not through the gateway; each delivery is checked against its subscription's
 * client state.
 */
@PublicRoute()
@ApiTags('webhooks')
@Controller('system/erp/v1/webhooks')
export class ErpWebhooksController {
  constructor(private readonly bc: BusinessCentralWebhooks) {}

  /**
   * Business Central calls this URL twice over: `?validationToken=...` when a subscription is created
   * or renewed (answered 200 with the token as text/plain), and with `{"value": [notifications]}`
   * after changes (202 once recorded).
   */
  @Post('business-central')
  @HttpCode(202)
  @ApiExcludeEndpoint() // not in the contract: Business Central calls it, not partners
  @Header('cache-control', 'no-store')
  async businessCentral(
    @Query('validationToken') validationToken: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    if (validationToken !== undefined) {
      void reply.status(200).header('content-type', 'text/plain; charset=utf-8');
      return validationToken;
    }
    return this.bc.handle(body);
  }
}
