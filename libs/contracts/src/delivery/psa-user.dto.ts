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

/**
 * A PSA user to create for an HRIS worker. `id` is the worker's canonical id: the PSA keeps it as the
 * user's external reference, which makes the create safe to retry (one user per worker).
 */
@ApiSchema({ name: 'PsaUserInput' })
export class PsaUserInputDto {
  /** Canonical worker id (the user's canonical id too). */
  @IsIdentifier()
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Work email (never a personal one). */
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** Default role code (`senior-consultant`); must be a role the PSA knows. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  /** False creates the user disabled; true by default. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** A partial update of a PSA user: only the fields present change; `active: false` deactivates. */
@ApiSchema({ name: 'PsaUserPatch' })
export class PsaUserPatchDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
