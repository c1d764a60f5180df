import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';
import { CrossReferenceDto, CrossReferenceKind } from './cross-reference.dto';
import { CrossReferenceEntity } from './cross-reference.entity';

/** Keeps canonical id <-> PSA id pairs (also held by the PSA as external references) and serves them. */
@Injectable()
export class CrossReferencesService {
  constructor(
    @InjectRepository(CrossReferenceEntity) private readonly refs: Repository<CrossReferenceEntity>,
    @Inject(PSA_ADAPTER) private readonly psa: PsaAdapter,
  ) {}

  async remember(
    kind: CrossReferenceKind,
    object: { id: string; crossReferences: Record<string, string> },
  ): Promise<void> {
    const rows = Object.entries(object.crossReferences).map(([system, vendorId]) =>
      Object.assign(new CrossReferenceEntity(), {
        kind,
        canonicalId: object.id,
        system,
        vendorId,
        updatedAt: new Date(),
      }),
    );
    if (rows.length) await this.refs.upsert(rows, ['kind', 'canonicalId', 'system']);
  }

  async find(kind: CrossReferenceKind, id: string): Promise<CrossReferenceDto> {
    const rows = await this.refs.findBy({ kind, canonicalId: id });
    if (rows.length) return { kind, id, crossReferences: Object.fromEntries(rows.map((r) => [r.system, r.vendorId])) };
    if (kind === 'project') {
      const project = await this.psa.getProject(id);
      if (project && project.id === id) {
        await this.remember(kind, project);
        return { kind, id, crossReferences: project.crossReferences };
      }
    }
    throw new NotFoundProblem(`no cross-reference for ${kind} ${id}`);
  }
}
