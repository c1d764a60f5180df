import { IsIdentifier } from '@app/contracts';

/** Path parameter of `GET /system/hris/v1/workers/{id}`. */
export class WorkerIdParamDto {
  /** Canonical id (the employee number, e.g. W00042) or the HRIS's own id (Workday ID). */
  @IsIdentifier()
  id: string;
}
