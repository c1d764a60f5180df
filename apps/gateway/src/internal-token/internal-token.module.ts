import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { InternalTokenService } from './internal-token.service';

@Module({
  imports: [IdentityModule],
  providers: [InternalTokenService],
  exports: [InternalTokenService],
})
export class InternalTokenModule {}
