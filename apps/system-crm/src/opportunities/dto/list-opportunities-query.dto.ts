import { OpportunityStage, OpportunityStages } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** Query of `GET /system/crm/v1/opportunities`. */
export class ListOpportunitiesQueryDto {
  /** Only opportunities in this stage. */
  @ApiProperty({ enum: OpportunityStages, enumName: 'OpportunityStage', required: false, example: 'closed-won' })
  @IsOptional()
  @IsIn(OpportunityStages, { message: `stage must be one of: ${OpportunityStages.join(', ')}` })
  stage?: OpportunityStage;
}
