import { CrossReferences } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CrossReferenceEntity } from './entities/cross-reference.entity';

export const CrmResources = ['account', 'opportunity', 'opportunity-line-item', 'contract'] as const;
export type CrmResource = (typeof CrmResources)[number];

export interface CrossReferenceFilter {
  resource?: CrmResource;
  canonicalId?: string;
  vendorId?: string;
  limit: number;
  offset: number;
}

/** Rows written per statement. */
const CHUNK = 500;

/** Canonical id <-> CRM id of every record system-crm has read or written (PostgreSQL). */
@Injectable()
export class CrossReferenceStore {
  constructor(@InjectRepository(CrossReferenceEntity) private readonly repo: Repository<CrossReferenceEntity>) {}

  /** Records (or refreshes) the cross-references of canonical objects: their `crossReferences[system]`. */
  async record(
    system: string,
    resource: CrmResource,
    objects: ReadonlyArray<{ id: string; crossReferences: CrossReferences }>,
  ): Promise<void> {
    const rows = new Map<string, string>();
    for (const o of objects) {
      const vendorId = o.crossReferences[system];
      if (vendorId) rows.set(vendorId, o.id);
    }
    const entries = [...rows.entries()];
    const table = this.repo.metadata.tablePath;
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      const params: unknown[] = [system, resource];
      const values = chunk.map(([vendorId, canonicalId]) => {
        params.push(vendorId, canonicalId);
        return `($1, $2, $${params.length - 1}, $${params.length}, now())`;
      });
      await this.repo.query(
        `INSERT INTO ${table} (system, resource, vendor_id, canonical_id, updated_at) VALUES ${values.join(', ')}
         ON CONFLICT (system, resource, vendor_id) DO UPDATE
         SET canonical_id = EXCLUDED.canonical_id, updated_at = EXCLUDED.updated_at
         WHERE ${table}.canonical_id IS DISTINCT FROM EXCLUDED.canonical_id`,
        params,
      );
    }
  }

  async find(system: string, filter: CrossReferenceFilter): Promise<{ items: CrossReferenceEntity[]; total: number }> {
    const where = {
      system,
      ...(filter.resource ? { resource: filter.resource } : {}),
      ...(filter.canonicalId ? { canonicalId: filter.canonicalId } : {}),
      ...(filter.vendorId ? { vendorId: filter.vendorId } : {}),
    };
    const [items, total] = await this.repo.findAndCount({
      where,
      order: { resource: 'ASC', canonicalId: 'ASC', vendorId: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }
}
