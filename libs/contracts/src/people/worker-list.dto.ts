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
  @IsInt()
  @Min(0)
  total: number;

  @IsInt()
  @Min(1)
  limit: number;

  @IsInt()
  @Min(0)
  offset: number;
}
