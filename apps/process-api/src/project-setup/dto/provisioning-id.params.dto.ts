import { IsUUID } from 'class-validator';

export class ProvisioningIdParamsDto {
  /** Provisioning id (UUID). */
  @IsUUID()
  id: string;
}
