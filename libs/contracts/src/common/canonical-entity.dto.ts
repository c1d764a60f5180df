import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CROSS_REFERENCES_PROPERTY, TIMESTAMP_PROPERTY } from './api-properties';
import type { CrossReferences } from './cross-references';
import { IsCrossReferences, IsIdentifier, IsTimestamp } from './validators';

/**
 * What every canonical object carries: its canonical id, its ids in each system and when it last
 * changed. The entity DTOs extend this class.
 */
export abstract class CanonicalEntityDto {
  /** Canonical identifier of the object (stable across systems). */
  @ApiProperty({ example: '3f2c9a4e-7b1d-4c36-9a51-0c2d7e8f1a6b' })
  @IsIdentifier()
  id: string;

  /** The object's id in each system it lives in, by lowercase system name. */
  @ApiProperty(CROSS_REFERENCES_PROPERTY)
  @IsCrossReferences()
  crossReferences: CrossReferences;

  /** When the object last changed in its system of record (RFC 3339). */
  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsOptional()
  @IsTimestamp()
  updatedAt?: string;
}
