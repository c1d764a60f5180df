import { IsString, MaxLength, MinLength } from 'class-validator';

export class UserIdParamDto {
  /** Canonical id (the worker id of a linked user) or the PSA's own user id. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  id: string;
}
