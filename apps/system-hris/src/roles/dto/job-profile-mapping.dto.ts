import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** One job profile -> role mapping of the firm. */
@ApiSchema({ name: 'JobProfileMapping' })
export class JobProfileMappingDto {
  /** The HRIS job profile (e.g. `Senior Consultant`). */
  jobProfile: string;

  /** Canonical role code (e.g. `senior-consultant`). */
  role: string;

  /** When the mapping last changed. */
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

@ApiSchema({ name: 'JobProfileMappingList' })
export class JobProfileMappingListDto {
  @ApiProperty({ type: () => [JobProfileMappingDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => JobProfileMappingDto)
  items: JobProfileMappingDto[];
}

/** Body of `PUT /system/hris/v1/job-profile-mappings/{jobProfile}`. */
@ApiSchema({ name: 'JobProfileMappingInput' })
export class PutJobProfileMappingDto {
  /** Canonical role code: lowercase words joined by dashes. */
  @ApiProperty({ example: 'senior-consultant' })
  @IsString()
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'role must be a lowercase code such as senior-consultant' })
  @MaxLength(100)
  role: string;
}

/** Path parameter: the job profile, URL-encoded (`Senior%20Consultant`). */
export class JobProfileParamDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  jobProfile: string;
}
