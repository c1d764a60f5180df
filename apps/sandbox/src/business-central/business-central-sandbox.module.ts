import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BcTokenService } from './auth/bc-token.service';
import { BcApiController } from './bc-api.controller';
import { businessCentralSandboxConfig } from './business-central-sandbox.config';
import { businessCentralSandboxEntities } from './business-central-sandbox.entities';
import { BcControlController } from './control/bc-control.controller';
import { BcFaultsService } from './control/bc-faults.service';
import { BcRateLimiter } from './control/bc-rate-limiter';
import { BcEntitiesService } from './entities/bc-entities.service';
import { BcSeedService } from './seed/bc-seed.service';
import { BcSubscriptionsService } from './subscriptions/bc-subscriptions.service';
import { SandboxConnectionsCloser } from '../common/sandbox-connections-closer';

/** The Business Central emulator: Entra token, API v2.0 entities, OData, actions, webhooks, limits. */
@Module({
  imports: [
    ConfigModule.forFeature(businessCentralSandboxConfig),
    TypeOrmModule.forFeature(businessCentralSandboxEntities),
  ],
  controllers: [BcControlController, BcApiController],
  providers: [
    BcTokenService,
    BcEntitiesService,
    BcSubscriptionsService,
    BcFaultsService,
    BcRateLimiter,
    BcSeedService,
    SandboxConnectionsCloser,
  ],
})
export class BusinessCentralSandboxModule {}
