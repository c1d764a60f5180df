import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScopes } from '@app/platform';
import { ADMIN_SCOPE } from '../identity/identity';
import { SigningKeysService } from '../identity/signing-keys.service';
import { AdminGuard } from './admin.guard';
import { SigningKeyDto } from './dto/credentials.dto';

/** The keys access tokens are signed with (public facts only; the JWKS is at /.well-known/jwks.json). */
@ApiTags('signing-keys')
@RequiresScopes(ADMIN_SCOPE)
@UseGuards(AdminGuard)
@Controller('gateway/admin/v1/signing-keys')
export class SigningKeysController {
  constructor(private readonly signingKeys: SigningKeysService) {}

  /** The active key and the retired keys whose tokens may still be presented. */
  @Get()
  @ApiOperation({ operationId: 'listSigningKeys', summary: 'List signing keys' })
  list(): SigningKeyDto[] {
    return this.signingKeys.list();
  }

  /** Makes a new key active; the previous one stays in the JWKS until its last token has expired. */
  @Post('rotate')
  @HttpCode(201)
  @ApiOperation({ operationId: 'rotateSigningKey', summary: 'Rotate the signing key' })
  rotate(): Promise<SigningKeyDto[]> {
    return this.signingKeys.rotate();
  }
}
