import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CrossReferenceEntity } from './entities/cross-reference.entity';

export type ErpResource = 'customer' | 'project' | 'employee' | 'time-bill' | 'invoice' | 'credit-memo';

export interface CrossReference {
  vendorId: string;
  scope: string | null;
  attributes: Record<string, unknown>;
}

/** Canonical id <-> vendor id, per vendor and resource (PostgreSQL). */
@Injectable()
export class CrossReferenceStore {
  constructor(@InjectRepository(CrossReferenceEntity) private readonly repo: Repository<CrossReferenceEntity>) {}

  async get(vendor: string, resource: ErpResource, canonicalId: string): Promise<CrossReference | undefined> {
    const row = await this.repo.findOne({ where: { vendor, resource, canonicalId } });
    return row ? { vendorId: row.vendorId, scope: row.scope, attributes: row.attributes } : undefined;
  }

  async canonicalIdOf(vendor: string, resource: ErpResource, vendorId: string): Promise<string | undefined> {
    const row = await this.repo.findOne({ where: { vendor, resource, vendorId } });
    return row?.canonicalId;
  }

  async put(
    vendor: string,
    resource: ErpResource,
    canonicalId: string,
    ref: { vendorId: string; scope?: string | null; attributes?: Record<string, unknown> },
  ): Promise<void> {
    const table = this.repo.metadata.tablePath;
    await this.repo.query(
      `INSERT INTO ${table} (vendor, resource, canonical_id, vendor_id, scope, attributes, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())
       ON CONFLICT (vendor, resource, canonical_id) DO UPDATE
       SET vendor_id = EXCLUDED.vendor_id,
           scope = COALESCE(EXCLUDED.scope, ${table}.scope),
           attributes = ${table}.attributes || EXCLUDED.attributes,
           updated_at = now()`,
      [vendor, resource, canonicalId, ref.vendorId, ref.scope ?? null, JSON.stringify(ref.attributes ?? {})],
    );
  }
}
