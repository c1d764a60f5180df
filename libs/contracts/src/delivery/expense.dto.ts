import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ISO_DATE_PROPERTY, TIMESTAMP_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsIsoDate, IsTimestamp } from '../common/validators';
import { ApprovalStatuses, type ApprovalStatus } from './time-entry.dto';

export const ExpenseCategories = ['travel', 'lodging', 'meals', 'mileage', 'equipment', 'other'] as const;
export type ExpenseCategory = (typeof ExpenseCategories)[number];

/** Money a worker spent for a project, possibly re-billed to the customer. */
@ApiSchema({ name: 'Expense' })
export class ExpenseDto extends CanonicalEntityDto {
  @IsIdentifier()
  workerId: string;

  @IsIdentifier()
  projectId: string;

  /** Day the expense was incurred. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  date: string;

  @ApiProperty({ enum: ExpenseCategories, enumName: 'ExpenseCategory', example: 'travel' })
  @IsIn(ExpenseCategories)
  category: ExpenseCategory;

  /** Amount spent, in the currency it was spent in; always positive. */
  @IsMoney({ min: 1 })
  amount: MoneyDto;

  /** Re-billed to the customer. */
  @IsBoolean()
  billable: boolean;

  /** Paid back to the worker. */
  @IsBoolean()
  reimbursable: boolean;

  @ApiProperty({ enum: ApprovalStatuses, enumName: 'ApprovalStatus', example: 'approved' })
  @IsIn(ApprovalStatuses)
  status: ApprovalStatus;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Link to the receipt image. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(2000)
  receiptUrl?: string;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsOptional()
  @IsTimestamp()
  approvedAt?: string;
}
