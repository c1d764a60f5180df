import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { installVendorJsonParser, MalformedJsonBody } from '../../common/vendor-json-body';
import { NetSuiteError } from './netsuite-error';

/** Under `/services/rest`, a broken JSON body reaches the handler as a MalformedJsonBody (see NetSuiteBody). */
@Injectable()
export class NetSuiteJsonBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    installVendorJsonParser(this.adapterHost, (url) => url.startsWith('/services/rest/'));
  }
}

/** `@Body(NetSuiteBody)`: rejects a malformed body with 400 INVALID_CONTENT. */
@Injectable()
export class NetSuiteBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedJsonBody) {
      throw NetSuiteError.invalidContent(`Invalid JSON in the request body: ${value.reason}`);
    }
    return value;
  }
}
