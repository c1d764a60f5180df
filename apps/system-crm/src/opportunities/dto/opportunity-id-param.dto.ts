import { IsIdentifier } from '@app/contracts';

/** Path parameter of `GET /system/crm/v1/opportunities/{id}`. */
export class OpportunityIdParamDto {
  /** Canonical id (the firm's external id, e.g. OPP-0001) or the CRM's own id. */
  @IsIdentifier()
  id: string;
}
