import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { ISO_DATE_PROPERTY, MINUTES_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsIsoDate, IsMinutes } from '../common/validators';

/** What an opportunity line sells: time of a role, or a fixed-price milestone. */
export const OpportunityLineItemKinds = ['time', 'milestone'] as const;
export type OpportunityLineItemKind = (typeof OpportunityLineItemKinds)[number];

/**
 * One line of a deal (a CRM opportunity product). A `time` line sells `minutes` of a `role` at
 * `unitPrice` per hour; a `milestone` line sells `quantity` (usually 1) fixed-price deliverables at
 * `unitPrice` each, due on `serviceDate` and named by `description`. `totalPrice` is the line's value.
 */
@ApiSchema({ name: 'OpportunityLineItem' })
export class OpportunityLineItemDto extends CanonicalEntityDto {
  @ApiProperty({ enum: OpportunityLineItemKinds, enumName: 'OpportunityLineItemKind', example: 'time' })
  @IsIn(OpportunityLineItemKinds)
  kind: OpportunityLineItemKind;

  /** Canonical role code of a time line (e.g. `senior-consultant`). */
  @ApiProperty({ example: 'senior-consultant', required: false })
  @ValidateIf((l: OpportunityLineItemDto) => l.kind === 'time' || l.role !== undefined)
  @IsIdentifier()
  role?: string;

  /** Time sold (time lines), integer minutes. */
  @ApiProperty({ ...MINUTES_PROPERTY, required: false })
  @ValidateIf((l: OpportunityLineItemDto) => l.kind === 'time' || l.minutes !== undefined)
  @IsMinutes()
  minutes?: number;

  /** Units sold (milestone lines). */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, required: false })
  @ValidateIf((l: OpportunityLineItemDto) => l.kind === 'milestone' || l.quantity !== undefined)
  @IsInt()
  @Min(1)
  quantity?: number;

  /** Price per hour (time lines) or per unit (milestone lines). */
  @IsMoney({ min: 0 })
  unitPrice: MoneyDto;

  /** Value of the line. */
  @IsMoney({ min: 0 })
  totalPrice: MoneyDto;

  /** When the work is planned (time lines) or the milestone is due. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  serviceDate?: string;

  /** Line description (the milestone's name on milestone lines). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  /** The product code in the CRM (the role code, or e.g. `MILESTONE`). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  productCode?: string;
}
