import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KantataAdapterModule } from './adapters/kantata/kantata-adapter.module';
import { CrossReferenceEntity } from './cross-references/cross-reference.entity';
import { CrossReferencesController } from './cross-references/cross-references.controller';
import { CrossReferencesService } from './cross-references/cross-references.service';
import { PsaInvoicesController } from './invoices/invoices.controller';
import { PsaInvoicesService } from './invoices/invoices.service';
import { UsersController } from './people/users.controller';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';
import { RateCardsController } from './rate-cards/rate-cards.controller';
import { TimeController } from './time/time.controller';

/** The HTTP API `/system/psa/v1`: projects, assignments, milestones, users, time, rate cards, invoices, cross-references. */
@Module({
  imports: [KantataAdapterModule, TypeOrmModule.forFeature([CrossReferenceEntity])],
  controllers: [
    ProjectsController,
    UsersController,
    TimeController,
    RateCardsController,
    CrossReferencesController,
    PsaInvoicesController,
  ],
  providers: [ProjectsService, CrossReferencesService, PsaInvoicesService],
})
export class PsaApiModule {}
