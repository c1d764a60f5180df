import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gatewayConfig } from '../gateway.config';
import { RouteMatch, RouteTable } from './route-table';

/** Loads the committed OpenAPI documents once at start and answers route look-ups from them. */
@Injectable()
export class ContractRegistry implements OnModuleInit {
  private readonly logger = new Logger(ContractRegistry.name);
  private table = RouteTable.fromDocuments([]);

  constructor(@Inject(gatewayConfig.KEY) private readonly config: ConfigType<typeof gatewayConfig>) {}

  onModuleInit(): void {
    const dir = this.config.openapiDir;
    const files = readdirSync(dir).filter((f) => /^[a-z]+\.[a-z0-9-]+\.v\d+\.json$/.test(f));
    const docs = files.map((file) => ({ file, doc: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }));
    this.table = RouteTable.fromDocuments(docs);
    this.logger.log({ contracts: files, operations: this.table.size }, 'route table built from the contracts');
  }

  match(method: string, urlPath: string): RouteMatch | undefined {
    return this.table.match(method, urlPath);
  }

  hasPath(urlPath: string): boolean {
    return this.table.hasPath(urlPath);
  }
}
