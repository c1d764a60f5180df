import { Inject, Injectable, Scope } from '@nestjs/common';
import { Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { APP_PINO } from './logging.constants';

/**
 * nestjs-pino's PinoLogger bound to THIS app's root logger. (nestjs-pino keeps one process-wide fallback
 * logger, which would mix apps up when several are co-hosted in one process.)
 */
@Injectable({ scope: Scope.TRANSIENT })
export class AppPinoLogger extends PinoLogger {
  constructor(
    @Inject(PARAMS_PROVIDER_TOKEN) params: Params,
    @Inject(APP_PINO) private readonly root: Logger,
  ) {
    super(params);
  }

  override get logger(): Logger {
    return this.root;
  }
}
