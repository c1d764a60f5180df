import { MoneyDto } from '@app/contracts';

export class ClosedWonKpiDto {
  /** Legal entity code, or `unassigned` when the deal named none. */
  legalEntity: string;
  /** Number of deals won. */
  count: number;
  /** Total won value, in this currency only. Absent when the deals carried no amount. */
  amount?: MoneyDto;
}

export class KpisDto {
  /** Won deals per legal entity and currency, as seen by the dashboard's projection. */
  closedWon: ClosedWonKpiDto[];
  /** When the projection last changed (RFC 3339), null before the first event. */
  updatedAt: string | null;
}
