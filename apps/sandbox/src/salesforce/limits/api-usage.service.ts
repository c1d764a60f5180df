import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { salesforceSandboxConfig, SalesforceSandboxSettings } from '../salesforce-sandbox.config';
import { ApiUsageEntity } from './entities/api-usage.entity';

export interface ApiUsage {
  used: number;
  limit: number;
}

/** Counts API requests per UTC day against the configured daily limit. */
@Injectable()
export class ApiUsageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(salesforceSandboxConfig.KEY) private readonly config: SalesforceSandboxSettings,
  ) {}

  /** Counts one request; throws 403 REQUEST_LIMIT_EXCEEDED (after counting) once the limit is passed. */
  async consume(): Promise<ApiUsage> {
    const table = this.dataSource.getMetadata(ApiUsageEntity).tablePath;
    const rows = (await this.dataSource.query(
      `INSERT INTO ${table} (day, calls) VALUES ((now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (day) DO UPDATE SET calls = ${table}.calls + 1 RETURNING calls`,
    )) as Array<{ calls: number }>;
    return { used: rows[0].calls, limit: this.config.dailyLimit };
  }

  async current(): Promise<ApiUsage> {
    const row = await this.dataSource
      .getRepository(ApiUsageEntity)
      .createQueryBuilder('u')
      .where(`u.day = (now() AT TIME ZONE 'UTC')::date`)
      .getOne();
    return { used: row?.calls ?? 0, limit: this.config.dailyLimit };
  }

  static header(usage: ApiUsage): string {
    return `api-usage=${usage.used}/${usage.limit}`;
  }

  static limitExceeded(): SalesforceApiError {
    return new SalesforceApiError(403, {
      message: 'TotalRequests Limit exceeded.',
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
  }
}
