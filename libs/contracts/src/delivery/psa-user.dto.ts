import { ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsIdentifier } from '../common/validators';

/**
 * A person as the PSA knows them (a login that can be staffed and log time). The HRIS Worker is the
 * system of record for people; `workerId` links the two when known.
 */
@ApiSchema({ name: 'PsaUser' })
export class PsaUserDto extends CanonicalEntityDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsEmail()
  @MaxLength(320)
  email: string;

  /** Default role code in the PSA (kebab-case role name, e.g. `senior-consultant`). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  /** The HRIS worker this user is, when the link is known. */
  @IsOptional()
  @IsIdentifier()
  workerId?: string;

  /** False once the user is disabled in the PSA. */
  @IsBoolean()
  active: boolean;
}
