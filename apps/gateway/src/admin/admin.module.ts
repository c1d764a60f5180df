import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { PolicyModule } from '../policy/policy.module';
import { AdminGuard } from './admin.guard';
import { ConsumersController } from './consumers.controller';
import { CredentialsController } from './credentials.controller';
import { SigningKeysController } from './signing-keys.controller';

/**
 * The gateway's admin API (`/gateway/admin/v1`, contract openapi/gateway.admin.v1.json), open to
 * consumers holding the `admin` scope: consumers, their keys and OAuth clients, signing keys.
 */
@Module({
  imports: [IdentityModule, PolicyModule],
  controllers: [ConsumersController, CredentialsController, SigningKeysController],
  providers: [AdminGuard],
})
export class AdminModule {}
