import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  NetSuiteApiGuard,
  NetSuiteConcurrency,
  NetSuiteFaultAfter,
  NetSuiteFaultGuard,
} from './auth/netsuite-api.guard';
import { NetSuiteOAuthController } from './auth/netsuite-oauth.controller';
import { NetSuiteTokenService } from './auth/netsuite-token.service';
import { NetSuiteJsonBodyParser } from './common/netsuite-json-body';
import { NetSuiteControlController } from './control/netsuite-control.controller';
import { NetSuiteFaultsService } from './control/netsuite-faults.service';
import { netsuiteSandboxConfig } from './netsuite-sandbox.config';
import { netsuiteSandboxEntities } from './netsuite-sandbox.entities';
import { NetSuiteRecordsController } from './records/netsuite-records.controller';
import { NetSuiteRecordsService } from './records/netsuite-records.service';
import { NetSuiteSeedService } from './seed/netsuite-seed.service';
import { SuiteQlController } from './suiteql/suiteql.controller';
import { SandboxConnectionsCloser } from '../common/sandbox-connections-closer';

/** The NetSuite emulator: OAuth 2.0 M2M, REST records, SuiteQL, concurrency governance, seed and control. */
@Module({
  imports: [ConfigModule.forFeature(netsuiteSandboxConfig), TypeOrmModule.forFeature(netsuiteSandboxEntities)],
  controllers: [NetSuiteOAuthController, NetSuiteRecordsController, SuiteQlController, NetSuiteControlController],
  providers: [
    NetSuiteTokenService,
    NetSuiteFaultsService,
    NetSuiteConcurrency,
    NetSuiteApiGuard,
    NetSuiteFaultGuard,
    NetSuiteFaultAfter,
    NetSuiteRecordsService,
    NetSuiteSeedService,
    NetSuiteJsonBodyParser,
    SandboxConnectionsCloser,
  ],
})
export class NetSuiteSandboxModule {}
