import { Logger as NestLogger } from '@nestjs/common';
import { Logger as GraphileLogger } from 'graphile-worker';

/** Routes graphile-worker's log lines to the Nest logger (info is demoted to debug, debug is dropped). */
export function graphileLogger(context: string): GraphileLogger {
  const nest = new NestLogger(context);
  return new GraphileLogger(() => (level, message) => {
    switch (level as string) {
      case 'error':
        nest.error(message);
        break;
      case 'warning':
        nest.warn(message);
        break;
      case 'info':
        nest.debug(message);
        break;
      default:
        // graphile's debug level is one line per job fetched/completed: too chatty even for debug logs.
        break;
    }
  });
}
