import { ExpenseDto, IsIsoDate, ISO_DATE_PROPERTY, TimeEntryDto } from '@app/contracts';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiOperation, ApiSchema, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';

export class ListTimeEntriesQueryDto {
  /** Only this project's time (canonical id). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  projectId?: string;

  /** First day (inclusive). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last day (inclusive). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  to?: string;

  /** `approved` (invoiced included) or `unapproved`. */
  @ApiProperty({ enum: ['approved', 'unapproved'], required: false })
  @IsOptional()
  @IsIn(['approved', 'unapproved'])
  status?: 'approved' | 'unapproved';
}

export class ListExpensesQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(255)
  projectId?: string;
}

@ApiSchema({ name: 'PsaTimeEntryList' })
export class TimeEntryListDto {
  @ApiProperty({ type: () => [TimeEntryDto] })
  @IsArray()
  items: TimeEntryDto[];
}

@ApiSchema({ name: 'PsaExpenseList' })
export class ExpenseListDto {
  @ApiProperty({ type: () => [ExpenseDto] })
  @IsArray()
  items: ExpenseDto[];
}

@ApiTags('time')
@ProductScopes('psa')
@Controller('system/psa/v1')
export class TimeController {
  constructor(@Inject(PSA_ADAPTER) private readonly psa: PsaAdapter) {}

  /** Time entries (every page of the PSA's list). */
  @Get('time-entries')
  @ApiOperation({ operationId: 'listTimeEntries', summary: 'List time entries' })
  async listTimeEntries(@Query() query: ListTimeEntriesQueryDto): Promise<TimeEntryListDto> {
    return { items: await this.psa.listTimeEntries(query) };
  }

  /** Expenses (every page). */
  @Get('expenses')
  @ApiOperation({ operationId: 'listExpenses', summary: 'List expenses' })
  async listExpenses(@Query() query: ListExpensesQueryDto): Promise<ExpenseListDto> {
    return { items: await this.psa.listExpenses(query) };
  }
}
