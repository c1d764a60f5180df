import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { installVendorJsonParser, MalformedJsonBody } from '../../common/vendor-json-body';
import { KantataApiError } from './kantata-api.error';

/** Under `/api` and `/oauth`, a broken JSON body reaches the handler as a MalformedJsonBody (see KantataBody). */
@Injectable()
export class KantataJsonBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    installVendorJsonParser(this.adapterHost, (url) => url.startsWith('/api/') || url.startsWith('/oauth/'));
  }
}

/** `@Body(KantataBody)`: rejects a MalformedJsonBody with 400 in Kantata's error shape. */
@Injectable()
export class KantataBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedJsonBody) throw KantataApiError.badRequest(`Invalid JSON body: ${value.reason}`);
    return value;
  }
}
