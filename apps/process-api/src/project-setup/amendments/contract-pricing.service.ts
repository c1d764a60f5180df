import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SystemPsaClient, SystemResource } from '../../common/system-apis';
import { ProvisioningEntity } from '../provisioning.entity';
import { ContractAmendmentEntity } from './contract-amendment.entity';
import {
  AmendmentRates,
  baseVersions,
  BillRate,
  PriceBookData,
  PricedRate,
  priceOn,
  RateVersion,
} from './rate-versions';

export type { PricedRate } from './rate-versions';

/** A project's prices, loaded once: `rateOn` is synchronous (price many entries without I/O). */
export class ProjectPriceBook {
  constructor(readonly data: PriceBookData) {}

  get projectId(): string {
    return this.data.projectId;
  }

  get currency(): string {
    return this.data.currency;
  }

  /** The bill rate of `role` on `workDate` (YYYY-MM-DD), or null (no rate: billing holds the entry). */
  rateOn(role: string, workDate: string): PricedRate | null {
    return priceOn(this.data, role, workDate);
  }
}

interface PsaCard {
  id: string;
  currency: string;
  customerId?: string;
  versions: RateVersion[];
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * Prices a provisioned project's time by work date: the PSA rate card of the project's currency (the
 * customer's own card first, as resource-sync values time) with its effective-dated versions, and
 * the project's contract amendments with rates, each in force from its effective date. Work before
 * an amendment's effective date keeps the earlier price; on and after it takes the amendment's.
 *
 * The amendments' rates are read from this layer's own history (`contract_amendments`), never from
 * the PSA card alone: the PSA keeps an amendment's version on the card it was written to, which other
 * contracts share, so versions written by amendments are left out of every project's base versions
 * and only the amending project's own amendments apply (see README, "Contract amendments").
 *
 * Caching: the PSA cards are read once per `CONTRACT_PRICING_CARD_TTL_MS` (5 min) for all projects;
 * a project's price book (its card and amendments) is kept `CONTRACT_PRICING_BOOK_TTL_MS` (30 s).
 * An amendment recorded or applied in this process invalidates both at once; another replica's is
 * seen when the TTL runs out. `priceBook()` always reads the amendments afresh (one query): billing
 * loads one book per project and prices every entry of the project from it.
 */
@Injectable()
export class ContractPricing {
  private readonly cardTtlMs = envInt('CONTRACT_PRICING_CARD_TTL_MS', 300_000);
  private readonly bookTtlMs = envInt('CONTRACT_PRICING_BOOK_TTL_MS', 30_000);
  private cards?: { at: number; value: Promise<PsaCard[]> };
  private readonly books = new Map<string, { at: number; value: Promise<ProjectPriceBook | null> }>();
  private readonly projects = new Map<string, { at: number; value: Promise<ProjectContext | null> }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly psa: SystemPsaClient,
  ) {}

  /**
   * The bill rate of `role` for work on `workDate` in a project (by canonical id or project code):
   * `{hourlyRate, rateCardId, rateCardVersion, effectiveFrom, amendmentId}`, or null when the project
   * is unknown or nothing prices the role that day.
   */
  async rateOn(projectIdOrCode: string, role: string, workDate: string): Promise<PricedRate | null> {
    const now = Date.now();
    let entry = this.books.get(projectIdOrCode);
    if (!entry || now - entry.at > this.bookTtlMs) {
      entry = { at: now, value: this.priceBook(projectIdOrCode) };
      this.books.set(projectIdOrCode, entry);
      entry.value.catch(() => this.books.delete(projectIdOrCode));
    }
    const book = await entry.value;
    return book ? book.rateOn(role, workDate) : null;
  }

  /** A project's price book, its amendments read now (null: not a provisioned project). */
  async priceBook(projectIdOrCode: string): Promise<ProjectPriceBook | null> {
    const project = await this.project(projectIdOrCode);
    if (!project) return null;
    const [cards, rows, others] = await Promise.all([
      this.psaCards(),
      this.db.getRepository(ContractAmendmentEntity).find({
        where: { projectId: project.projectId },
        order: { sequence: 'ASC' },
      }),
      this.amendmentVersionIds(),
    ]);
    const card = pickCard(cards, project.currency, project.customerId);
    const amendments: AmendmentRates[] = rows
      .filter((r) => r.rateCard !== null)
      .map((r) => ({
        amendmentId: r.id,
        effectiveFrom: r.effectiveDate,
        versionId: r.rateCard!.versionId,
        billRates: r.rateCard!.billRates,
      }));
    return new ProjectPriceBook({
      projectId: project.projectId,
      currency: project.currency,
      rateCardId: card?.id ?? null,
      base: card ? baseVersions(card.versions, others) : [],
      amendments,
    });
  }

  /** Forget cached prices (an amendment was recorded or applied). */
  invalidate(projectId?: string): void {
    this.cards = undefined;
    if (projectId === undefined) {
      this.books.clear();
      return;
    }
    for (const [key, entry] of this.books) {
      void entry.value.then(
        (b) => {
          if (!b || b.projectId === projectId) this.books.delete(key);
        },
        () => this.books.delete(key),
      );
      if (key === projectId) this.books.delete(key);
    }
  }

  /** The PSA's rate cards in canonical form (cached). */
  private async psaCards(): Promise<PsaCard[]> {
    const now = Date.now();
    if (!this.cards || now - this.cards.at > this.cardTtlMs) {
      const value = this.psa.listRateCards().then((page) => (page.items ?? []).map(toCard));
      this.cards = { at: now, value };
      value.catch(() => {
        if (this.cards?.value === value) this.cards = undefined;
      });
    }
    return this.cards.value;
  }

  /** Every PSA version id an amendment (of any project) wrote. */
  private async amendmentVersionIds(): Promise<Set<string>> {
    const table = this.db.getMetadata(ContractAmendmentEntity).tablePath;
    const rows = (await this.db.query(
      `SELECT rate_card->>'versionId' AS id FROM ${table} WHERE rate_card->>'versionId' IS NOT NULL`,
    )) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  private async project(idOrCode: string): Promise<ProjectContext | null> {
    const now = Date.now();
    let entry = this.projects.get(idOrCode);
    if (!entry || now - entry.at > this.cardTtlMs) {
      entry = { at: now, value: this.loadProject(idOrCode) };
      this.projects.set(idOrCode, entry);
      entry.value.catch(() => this.projects.delete(idOrCode));
    }
    return entry.value;
  }

  private async loadProject(idOrCode: string): Promise<ProjectContext | null> {
    const row = await this.db
      .getRepository(ProvisioningEntity)
      .createQueryBuilder('p')
      .where('(p.project_id = :v OR p.project_code = :v)', { v: idOrCode })
      .andWhere('p.project_id IS NOT NULL')
      .getOne();
    if (!row?.projectId) return null;
    const psaProject = await this.psa.getProject(row.projectId);
    const o = row.opportunity as unknown as { amount?: { currency?: string }; accountId?: string };
    const currency = str(psaProject?.currency) ?? o.amount?.currency;
    if (!currency) return null;
    return { projectId: row.projectId, currency, customerId: str(psaProject?.customerId) ?? o.accountId };
  }
}

interface ProjectContext {
  projectId: string;
  currency: string;
  customerId?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function toCard(r: SystemResource): PsaCard {
  const versions = Array.isArray(r.versions) ? (r.versions as Array<Record<string, unknown>>) : [];
  return {
    id: r.id,
    currency: String(r.currency ?? ''),
    ...(typeof r.customerId === 'string' ? { customerId: r.customerId } : {}),
    versions: versions.map((v) => ({
      id: String(v.id),
      ...(typeof v.version === 'number' ? { version: v.version } : {}),
      effectiveFrom: String(v.effectiveFrom),
      ...(typeof v.effectiveTo === 'string' ? { effectiveTo: v.effectiveTo } : {}),
      billRates: Array.isArray(v.billRates) ? (v.billRates as BillRate[]) : [],
    })),
  };
}

/** The card of the project's currency, the customer's own first. */
export function pickCard<C extends { currency: string; customerId?: string }>(
  cards: readonly C[],
  currency: string,
  customerId: string | undefined,
): C | undefined {
  const same = cards.filter((c) => c.currency === currency);
  return (
    same.find((c) => customerId !== undefined && c.customerId === customerId) ??
    same.find((c) => !c.customerId) ??
    same[0]
  );
}
