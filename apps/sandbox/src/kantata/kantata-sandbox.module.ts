import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KantataAfterFaultInterceptor, KantataApiGuard, KantataFaultGuard } from './auth/kantata-api.guard';
import { KantataOAuthController } from './auth/kantata-oauth.controller';
import { KantataOAuthService } from './auth/kantata-oauth.service';
import { KantataJsonBodyParser } from './common/kantata-json-body';
import { KantataControlController } from './control/kantata-control.controller';
import { KantataFaultsService } from './control/kantata-faults.service';
import { KantataConnectionsCloser } from './control/kantata-shutdown';
import { kantataSandboxConfig } from './kantata-sandbox.config';
import { kantataSandboxEntities } from './kantata-sandbox.entities';
import { KantataRateLimiter } from './limits/kantata-rate-limiter.service';
import { KantataRecordStore } from './resources/kantata-record-store';
import { KantataResourcesController } from './resources/kantata-resources.controller';
import { KantataResourcesService } from './resources/kantata-resources.service';
import { KantataSeedService } from './seed/kantata-seed.service';

/** The Kantata OX emulator: OAuth, API v1 resources, rate limit, faults, seed and test control. */
@Module({
  imports: [ConfigModule.forFeature(kantataSandboxConfig), TypeOrmModule.forFeature(kantataSandboxEntities)],
  controllers: [KantataOAuthController, KantataResourcesController, KantataControlController],
  providers: [
    KantataOAuthService,
    KantataFaultsService,
    KantataRateLimiter,
    KantataApiGuard,
    KantataFaultGuard,
    KantataAfterFaultInterceptor,
    KantataRecordStore,
    KantataResourcesService,
    KantataSeedService,
    KantataJsonBodyParser,
    KantataConnectionsCloser,
  ],
})
export class KantataSandboxModule {}
