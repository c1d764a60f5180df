import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The page of a list operation: `limit` (1-200, default 50) and `offset` (default 0). Lists extend it. */
export class PageQueryDto {
  /** Page size (1-200). */
  @ApiProperty({ type: 'integer', required: false, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** Items to skip. */
  @ApiProperty({ type: 'integer', required: false, default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
