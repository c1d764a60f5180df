import { ErpItemMappingDto, ErpLegalEntityMappingDto, ErpMappingsDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { UnmappedValueProblem } from '../common/erp-problems';
import { erpConfig, ErpSettings, ErpVendor } from '../erp.config';
import { DEMO_FIRM_ID, DEMO_LEGAL_ENTITIES, DEMO_ROLE_ITEMS } from './demo-firm-mappings';
import { ItemMappingEntity } from './entities/item-mapping.entity';
import { LegalEntityMappingEntity } from './entities/legal-entity-mapping.entity';

export interface LegalEntityTarget {
  legalEntityId: string;
  target: string;
  currency: string;
}

/** The firm's mapping tables for the active ERP: resolve (or refuse with 422), read and change. */
@Injectable()
export class MappingsService implements OnApplicationBootstrap {
  readonly vendor: ErpVendor;
  readonly firmId: string;

  constructor(
    @Inject(erpConfig.KEY) config: ErpSettings,
    @InjectRepository(LegalEntityMappingEntity) private readonly entities: Repository<LegalEntityMappingEntity>,
    @InjectRepository(ItemMappingEntity) private readonly items: Repository<ItemMappingEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.vendor = config.vendor;
    this.firmId = config.firmId;
  }

  /** Seeds the demo firm's tables (both ERPs) once, when the firm has none. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['system_erp:mappings-seed']);
      if ((await manager.count(LegalEntityMappingEntity, { where: { firmId: DEMO_FIRM_ID } })) > 0) return;
      for (const e of DEMO_LEGAL_ENTITIES) {
        await manager.insert(LegalEntityMappingEntity, [
          {
            firmId: DEMO_FIRM_ID,
            vendor: 'netsuite',
            legalEntityId: e.legalEntityId,
            target: e.netsuite,
            currency: e.currency,
          },
          {
            firmId: DEMO_FIRM_ID,
            vendor: 'business-central',
            legalEntityId: e.legalEntityId,
            target: e.businessCentral,
            currency: e.currency,
          },
        ]);
      }
      for (const r of DEMO_ROLE_ITEMS) {
        await manager.insert(ItemMappingEntity, [
          { firmId: DEMO_FIRM_ID, vendor: 'netsuite', role: r.role, target: r.netsuite },
          { firmId: DEMO_FIRM_ID, vendor: 'business-central', role: r.role, target: r.businessCentral },
        ]);
      }
    });
  }

  private scope() {
    return { firmId: this.firmId, vendor: this.vendor };
  }

  /** The ERP target of a legal entity; 422 naming `field` when unmapped. */
  async legalEntity(legalEntityId: string, field: string): Promise<LegalEntityTarget> {
    const row = await this.entities.findOne({ where: { ...this.scope(), legalEntityId } });
    if (!row) throw new UnmappedValueProblem('legal-entity', legalEntityId, field, this.vendor);
    return { legalEntityId, target: row.target, currency: row.currency };
  }

  /** The legal entity of an ERP subsidiary/company; 422 when the ERP holds a record in an unmapped one. */
  async legalEntityOfTarget(target: string): Promise<LegalEntityTarget> {
    const row = await this.entities.findOne({ where: { ...this.scope(), target } });
    if (!row) throw new UnmappedValueProblem('erp-target', target, 'legalEntityId', this.vendor);
    return { legalEntityId: row.legalEntityId, target, currency: row.currency };
  }

  async allLegalEntities(): Promise<LegalEntityTarget[]> {
    const rows = await this.entities.find({ where: this.scope(), order: { legalEntityId: 'ASC' } });
    return rows.map((r) => ({ legalEntityId: r.legalEntityId, target: r.target, currency: r.currency }));
  }

  /** The ERP item of a role; 422 naming `field` when unmapped. */
  async item(role: string, field: string): Promise<string> {
    const row = await this.items.findOne({ where: { ...this.scope(), role } });
    if (!row) throw new UnmappedValueProblem('role', role, field, this.vendor);
    return row.target;
  }

  /** The role an ERP item stands for. */
  async roleOfItem(target: string): Promise<string> {
    const row = await this.items.findOne({ where: { ...this.scope(), target }, order: { role: 'ASC' } });
    if (!row) throw new UnmappedValueProblem('erp-target', target, 'role', this.vendor);
    return row.role;
  }

  async read(): Promise<ErpMappingsDto> {
    const [entities, items] = await Promise.all([
      this.entities.find({ where: this.scope(), order: { legalEntityId: 'ASC' } }),
      this.items.find({ where: this.scope(), order: { role: 'ASC' } }),
    ]);
    return {
      firmId: this.firmId,
      legalEntities: entities.map((e) => ({ legalEntityId: e.legalEntityId, target: e.target, currency: e.currency })),
      items: items.map((i) => ({ role: i.role, target: i.target })),
    };
  }

  async putLegalEntity(mapping: ErpLegalEntityMappingDto): Promise<ErpLegalEntityMappingDto> {
    await this.entities.upsert({ ...this.scope(), ...mapping }, ['firmId', 'vendor', 'legalEntityId']);
    return mapping;
  }

  async deleteLegalEntity(legalEntityId: string): Promise<void> {
    const result = await this.entities.delete({ ...this.scope(), legalEntityId });
    if (!result.affected) throw new NotFoundProblem(`No mapping for legal entity ${legalEntityId}`);
  }

  async putItem(mapping: ErpItemMappingDto): Promise<ErpItemMappingDto> {
    await this.items.upsert({ ...this.scope(), ...mapping }, ['firmId', 'vendor', 'role']);
    return mapping;
  }

  async deleteItem(role: string): Promise<void> {
    const result = await this.items.delete({ ...this.scope(), role });
    if (!result.affected) throw new NotFoundProblem(`No mapping for role ${role}`);
  }
}
