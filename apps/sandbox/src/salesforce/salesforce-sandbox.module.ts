import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OAuthController } from './auth/oauth.controller';
import { OAuthTokenService } from './auth/oauth-token.service';
import { SalesforceApiGuard, SalesforceFaultAfter, SandboxFaultGuard } from './auth/salesforce-api.guard';
import { SalesforceJsonBodyParser } from './common/salesforce-json-body';
import { CompositeController } from './composite/composite.controller';
import { SandboxControlController } from './control/sandbox-control.controller';
import { SandboxFaultsService } from './control/sandbox-faults.service';
import { SandboxConnectionsCloser } from './control/sandbox-shutdown';
import { ApiUsageService } from './limits/api-usage.service';
import { QueryController } from './query/query.controller';
import { SoqlQueryService } from './query/soql-query.service';
import { salesforceSandboxConfig } from './salesforce-sandbox.config';
import { salesforceSandboxEntities } from './salesforce-sandbox.entities';
import { SalesforceSeedService } from './seed/salesforce-seed.service';
import { SObjectRecordsService } from './sobjects/sobject-records.service';
import { SObjectStore } from './sobjects/sobject-store';
import { SObjectsController } from './sobjects/sobjects.controller';
import { TrailingSlashVersionsRoute, VersionsController } from './versions/versions.controller';

/** The Salesforce emulator: OAuth, REST query/sObjects/composite, limits, seed and test control. */
@Module({
  imports: [ConfigModule.forFeature(salesforceSandboxConfig), TypeOrmModule.forFeature(salesforceSandboxEntities)],
  controllers: [
    OAuthController,
    VersionsController,
    QueryController,
    SObjectsController,
    CompositeController,
    SandboxControlController,
  ],
  providers: [
    OAuthTokenService,
    ApiUsageService,
    SandboxFaultsService,
    SalesforceApiGuard,
    SandboxFaultGuard,
    // Acts only on requests a fault guard marked (an `after` fault or a malformed body).
    { provide: APP_INTERCEPTOR, useClass: SalesforceFaultAfter },
    SObjectStore,
    SObjectRecordsService,
    SoqlQueryService,
    SalesforceSeedService,
    TrailingSlashVersionsRoute,
    SalesforceJsonBodyParser,
    SandboxConnectionsCloser,
  ],
})
export class SalesforceSandboxModule {}
