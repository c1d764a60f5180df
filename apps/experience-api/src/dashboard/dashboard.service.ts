import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CallerIdentity } from '@app/platform';
import { ClosedWonKpiEntity } from './closed-won-kpi.entity';
import { NO_CURRENCY } from './closed-won.consumer';
import { KpisDto } from './dto/kpis.dto';

@Injectable()
export class DashboardService {
  constructor(@InjectRepository(ClosedWonKpiEntity) private readonly kpis: Repository<ClosedWonKpiEntity>) {}

  /** The figures of the legal entities the caller may see (all of them for an unbound caller). */
  async kpisNow(caller: CallerIdentity): Promise<KpisDto> {
    const entities = caller.entityFilter();
    const rows = await this.kpis.find({
      where: entities ? { legalEntity: In(entities) } : {},
      order: { legalEntity: 'ASC', currency: 'ASC' },
    });
    const updated = rows.reduce<Date | null>(
      (latest, r) => (!latest || r.updatedAt > latest ? r.updatedAt : latest),
      null,
    );
    return {
      closedWon: rows.map((r) => ({
        legalEntity: r.legalEntity,
        count: r.count,
        ...(r.currency === NO_CURRENCY ? {} : { amount: { amountMinor: Number(r.amountMinor), currency: r.currency } }),
      })),
      updatedAt: updated ? updated.toISOString() : null,
    };
  }
}
