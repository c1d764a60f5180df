import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, Min, ValidateNested } from 'class-validator';
import { WorkerDto } from './worker.dto';

/** One page of workers. */
@ApiSchema({ name: 'WorkerList' })
export class WorkerListDto {
  @ApiProperty({ type: () => [WorkerDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WorkerDto)
  items: WorkerDto[];

  /** Workers matching the filter, over all pages. */
  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  total: number;

  /** Page size used. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  limit: number;

  /** Workers skipped before this page. */
  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  offset: number;
}
