import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DeadLetterFilterDto } from './list-dead-letters.query.dto';

/** Why the operator acts; kept in the audit trail. */
export class DeadLetterActionRequestDto {
  /** Why (e.g. "CRM account fixed, retrying"); required, recorded in the audit trail. */
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

/** Replay every open dead letter matching a filter. */
export class ReplayMatchingRequestDto extends DeadLetterActionRequestDto {
  /** Which open dead letters to replay (an empty filter means all open ones). */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeadLetterFilterDto)
  filter: DeadLetterFilterDto;
}

export class DeadLetterIdParamsDto {
  /** Dead letter id (UUID). */
  @IsUUID()
  id: string;
}
