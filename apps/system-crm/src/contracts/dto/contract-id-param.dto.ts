import { IsIdentifier } from '@app/contracts';

/** Path parameter of `GET /system/crm/v1/contracts/{id}`. */
export class ContractIdParamDto {
  /** Canonical id (the firm's external id, e.g. CTR-0001) or the CRM's own id. */
  @IsIdentifier()
  id: string;
}
