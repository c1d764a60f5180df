import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Listed explicitly: the order of a TypeScript union in the generated contract is not stable. */
const CONSUMER_KINDS = ['internal', 'partner'];
const SCOPE = /^[a-z0-9][a-z0-9:*._-]*$/;
const PRODUCT_VERSION = /^[a-z]+\.[a-z0-9-]+\.v\d+$/;
const CIDR = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** A consumer as the admin API shows it. */
export class ConsumerDto {
  consumerId: string;
  name: string;
  @ApiProperty({ enum: CONSUMER_KINDS })
  kind: 'internal' | 'partner';
  /** Rate-limit and quota plan, e.g. free, partner, internal. */
  plan: string;
  /** Scopes the consumer holds, e.g. crm:read, project-setup:write, admin. */
  scopes: string[];
  /** Product versions it may call (e.g. system.crm.v1); null: all. */
  products: string[] | null;
  /** Legal entities whose data it may see; null: all. */
  legalEntities: string[] | null;
  /** CIDRs it may call from; null: any address. */
  ipAllowList: string[] | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The settings an admin may change; omitted fields stay as they are, null means "all". */
export class UpdateConsumerDto {
  /** internal or partner. */
  @ApiPropertyOptional({ enum: CONSUMER_KINDS })
  @IsOptional()
  @IsIn(CONSUMER_KINDS)
  kind?: 'internal' | 'partner';

  /** Rate-limit and quota plan. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'plan must be 1-40 lowercase letters, digits or dashes' })
  plan?: string;

  /** Scopes, e.g. crm:read. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SCOPE, { each: true, message: 'each scope must look like crm:read' })
  scopes?: string[];

  /** Product versions (e.g. system.crm.v1); null: all. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(PRODUCT_VERSION, { each: true, message: 'each product must look like system.crm.v1' })
  products?: string[] | null;

  /** Legal entity ids; null: all. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  legalEntities?: string[] | null;

  /** CIDRs (or single addresses); null: any address. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CIDR, { each: true, message: 'each entry must be an IP address or CIDR such as 10.0.0.0/8' })
  ipAllowList?: string[] | null;

  /** A disabled consumer's credentials are refused. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class CreateConsumerDto extends UpdateConsumerDto {
  /** Unique name, e.g. acme-partner-portal. */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, {
    message: 'name must be 2-63 lowercase letters, digits, dots, dashes or underscores',
  })
  name: string;
}
