import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { FaultSpecDto } from '../../../common/fault-spec.dto';
import type { SalesforceFaultSpec } from '../sandbox-faults.service';

/** A fault to inject into the Salesforce API (`POST /__sandbox/faults`): the shared menu plus an outage window and malformed bodies. */
export class SandboxFaultDto extends FaultSpecDto implements SalesforceFaultSpec {
  /** Outage window: matching requests fail (default 503) for this many milliseconds, then the fault lifts. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600000)
  outageMs?: number;

  /** Serve matching requests but answer with a truncated JSON body. */
  @IsOptional()
  @IsBoolean()
  malformed?: boolean;
}
