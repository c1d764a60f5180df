import { ProblemError } from '@app/platform';

/**
 * A worker's HRIS job profile has no role in the firm's mapping table: a business error to fix in
 * the mappings (`PUT /system/hris/v1/job-profile-mappings/{jobProfile}`), never guessed.
 */
export class UnmappedJobProfileProblem extends ProblemError {
  constructor(
    readonly jobProfile: string,
    readonly workerIds: string[],
    vendor: string,
  ) {
    super({
      status: 422,
      type: 'unmapped-job-profile',
      title: 'Unmapped job profile',
      detail: `Job profile "${jobProfile}" has no role mapping for this firm (worker ${workerIds.join(', ')}); add it with PUT /system/hris/v1/job-profile-mappings/{jobProfile}`,
      extra: {
        vendor,
        vendorCode: 'UNMAPPED_JOB_PROFILE',
        field: 'role',
        jobProfile,
        errors: [{ field: 'role', message: `no role is mapped for job profile "${jobProfile}"` }],
      },
    });
  }
}
