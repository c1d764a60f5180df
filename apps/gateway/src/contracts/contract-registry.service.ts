import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gatewayConfig } from '../gateway.config';
import { RequestValidatorCompiler } from './request-validator';
import { RouteMatch, RouteTable } from './route-table';

/** Headers the gateway sets upstream itself: a client's value is dropped, so it is not validated. */
export const GATEWAY_SET_HEADERS = ['x-consumer-id'];

/** One published contract as the gateway serves it for download. */
export interface PublishedContract {
  /** `system.crm.v1` */
  name: string;
  title: string;
  lifecycle: string;
  /** `info.x-sunset` (ISO date) of a version published as deprecated. */
  sunset?: string;
  /** `info.x-deprecated-at` (ISO date): since when a deprecated version is deprecated. */
  deprecatedAt?: string;
  /** `/system/crm/v1` */
  basePath: string;
  /** `system.crm` (layer and product, without the version) and the major version. */
  product: string;
  version: number;
  /** The app that serves it. */
  app: string;
  /** The document exactly as committed. */
  text: string;
}

/** Loads the committed OpenAPI documents once at start and answers route look-ups from them. */
@Injectable()
export class ContractRegistry implements OnModuleInit {
  private readonly logger = new Logger(ContractRegistry.name);
  private table = RouteTable.fromDocuments([]);
  private published = new Map<string, PublishedContract>();

  constructor(@Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>) {}

  onModuleInit(): void {
    const dir = this.config.openapiDir;
    const files = readdirSync(dir).filter((f) => /^[a-z]+\.[a-z0-9-]+\.v\d+\.json$/.test(f));
    const texts = files.map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
    const docs = texts.map(({ file, text }) => ({ file, doc: JSON.parse(text) }));
    this.table = RouteTable.fromDocuments(docs, new RequestValidatorCompiler({ ignoredHeaders: GATEWAY_SET_HEADERS }));
    this.published = new Map(
      docs.map(({ file, doc }, i) => {
        const name = file.replace(/\.json$/, '');
        const info = doc.info as Record<string, string | undefined>;
        const [, product, version] = /^(.+)\.v(\d+)$/.exec(name) ?? [name, name, '1'];
        return [
          name,
          {
            name,
            title: info.title ?? name,
            lifecycle: info['x-lifecycle'] ?? 'draft',
            sunset: info['x-sunset'],
            deprecatedAt: info['x-deprecated-at'],
            basePath: info['x-base-path'] ?? `/${product.replace('.', '/')}/v${version}`,
            product,
            version: Number(version),
            app: info['x-app'] ?? '',
            text: texts[i].text,
          },
        ];
      }),
    );
    this.logger.log({ contracts: files, operations: this.table.size }, 'route table built from the contracts');
  }

  match(method: string, urlPath: string): RouteMatch | undefined {
    return this.table.match(method, urlPath);
  }

  /** The published contracts, by name (`system.crm.v1`). */
  contracts(): PublishedContract[] {
    return [...this.published.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  contract(name: string): PublishedContract | undefined {
    return this.published.get(name);
  }

  hasPath(urlPath: string): boolean {
    return this.table.hasPath(urlPath);
  }
}
