import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobProfileRoleEntity } from './entities/job-profile-role.entity';
import { hrisConfig } from './hris.config';
import { JobProfileMappingsController } from './job-profile-mappings.controller';
import { JobProfileRolesService } from './job-profile-roles.service';

/** Per-firm job profile -> role mappings and their API. */
@Module({
  imports: [ConfigModule.forFeature(hrisConfig), TypeOrmModule.forFeature([JobProfileRoleEntity])],
  controllers: [JobProfileMappingsController],
  providers: [JobProfileRolesService],
  exports: [JobProfileRolesService],
})
export class RolesModule {}
