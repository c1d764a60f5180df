import { IsIdentifier } from '@app/contracts';

export class IdParamDto {
  /** Canonical id. */
  @IsIdentifier()
  id: string;
}
