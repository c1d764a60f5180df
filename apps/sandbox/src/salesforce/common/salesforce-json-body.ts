import { Injectable, OnModuleInit, PipeTransform } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { installVendorJsonParser, MalformedJsonBody } from '../../common/vendor-json-body';
import { SalesforceApiError } from './salesforce-api.error';

/**
 * Salesforce answers a broken JSON body with `400 [{"errorCode":"JSON_PARSER_ERROR",...}]`: under the
 * `/services` tree the body reaches the handler as a MalformedJsonBody, which SalesforceBody turns into
 * the vendor's error. Other paths (e.g. `/__sandbox`) keep the platform's problem+json behaviour.
 */
@Injectable()
export class SalesforceJsonBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    installVendorJsonParser(this.adapterHost, (url) => url.startsWith('/services/'));
  }
}

/** `@Body(SalesforceBody)`: rejects a MalformedJsonBody with JSON_PARSER_ERROR. */
@Injectable()
export class SalesforceBody implements PipeTransform {
  transform(value: unknown): unknown {
    if (value instanceof MalformedJsonBody) {
      throw new SalesforceApiError(400, {
        message: `Unexpected character in the request body: ${value.reason}`,
        errorCode: 'JSON_PARSER_ERROR',
      });
    }
    return value;
  }
}
