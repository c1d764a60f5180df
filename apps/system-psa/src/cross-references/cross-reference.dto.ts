import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export const CrossReferenceKinds = ['project', 'assignment', 'milestone'] as const;
export type CrossReferenceKind = (typeof CrossReferenceKinds)[number];

/** Path of `GET /cross-references/{kind}/{id}`. */
export class CrossReferenceParamsDto {
  @ApiProperty({ enum: CrossReferenceKinds, enumName: 'PsaCrossReferenceKind' })
  @IsIn(CrossReferenceKinds)
  kind: CrossReferenceKind;

  /** Canonical id. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  id: string;
}

/** Where a canonical object lives: system name -> that system's id. */
@ApiSchema({ name: 'PsaCrossReference' })
export class CrossReferenceDto {
  @ApiProperty({ enum: CrossReferenceKinds, enumName: 'PsaCrossReferenceKind' })
  kind: CrossReferenceKind;

  /** Canonical id. */
  id: string;

  /** System name -> id in that system (`{"kantata": "1000"}`). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { kantata: '1000' } })
  crossReferences: Record<string, string>;
}
