import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminGuard } from '../admin/admin.guard';
import { ContractsModule } from '../contracts/contracts.module';
import { gatewayConfig } from '../gateway.config';
import { IdentityModule } from '../identity/identity.module';
import { InternalTokenModule } from '../internal-token/internal-token.module';
import { ProxyController } from '../proxy/proxy.controller';
import { ProxyService } from '../proxy/proxy.service';
import { AuditService } from './audit/audit.service';
import { UsageService } from './audit/usage.service';
import { IdempotencyService } from './idempotency/idempotency.service';
import { VersionLifecycleService } from './lifecycle/version-lifecycle.service';
import { PolicyAdminController } from './policy-admin.controller';
import { policyConfig } from './policy.config';
import { PolicyHooks } from './policy.hooks';
import { RateLimitService } from './rate-limit/rate-limit.service';

/**
 * The gateway's request pipeline after identity: contract scopes and validation, rate limits and
 * quotas, versions and deprecation, idempotency, audit and usage, hardening; and the forwarder.
 */
@Module({
  imports: [
    ConfigModule.forFeature(policyConfig),
    ConfigModule.forFeature(gatewayConfig),
    ContractsModule,
    IdentityModule,
    InternalTokenModule,
  ],
  controllers: [PolicyAdminController],
  providers: [
    ProxyController,
    AdminGuard,
    AuditService,
    IdempotencyService,
    PolicyHooks,
    ProxyService,
    RateLimitService,
    UsageService,
    VersionLifecycleService,
  ],
  exports: [VersionLifecycleService, UsageService, RateLimitService],
})
export class PolicyModule {}
