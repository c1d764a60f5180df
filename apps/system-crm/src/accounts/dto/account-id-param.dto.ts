import { IsIdentifier } from '@app/contracts';

/** Path parameter of `GET /system/crm/v1/accounts/{id}`. */
export class AccountIdParamDto {
  /** Canonical id (the firm's external id, e.g. ACC-0001) or the CRM's own id. */
  @IsIdentifier()
  id: string;
}
