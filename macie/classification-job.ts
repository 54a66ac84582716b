/**
 * Names of the Macie resources that cannot be changed in place. Every argument of
 * aws_macie2_classification_job except job_status forces a new job, and custom data
 * identifiers cannot be updated at all, so each name carries a version derived from
 * everything that would force the replacement: a change yields a new name, the plan
 * shows a replacement on purpose, create_before_destroy can run old and new side by
 * side, and the job list in Macie tells the generations apart.
 */
import { contentVersion } from '../naming/content-version';
import { BASELINE_NAME_PREFIX } from '../naming/reserved-names';
import type { DayOfWeek } from './api-values';
import type { CustomIdentifierDefinition } from './custom-identifiers';

export type ClassificationSchedule =
  | { readonly frequency: 'daily' }
  | { readonly frequency: 'weekly'; readonly dayOfWeek: DayOfWeek }
  | { readonly frequency: 'monthly'; readonly dayOfMonth: number };

/** Everything a classification job over the invocation logs is created from. */
export interface InvocationLogJobSpec {
  /** Account that owns the bucket. */
  readonly bucketAccountId: string;
  /** The bucket the job analyzes. */
  readonly bucketName: string;
  /** Only objects whose key starts with this are analyzed. */
  readonly objectKeyPrefix: string;
  /** Share of eligible objects each run analyzes, 1-100. */
  readonly samplingPercentage: number;
  /** When the job runs. */
  readonly schedule: ClassificationSchedule;
  /** Whether the first run also analyzes the objects already in the bucket. */
  readonly analyzeExistingObjects: boolean;
  /** Names of the custom data identifiers the job uses (each versioned itself). */
  readonly customIdentifierNames: readonly string[];
}

/** `daily`, `weekly-monday`, `monthly-1`. */
export function scheduleLabel(schedule: ClassificationSchedule): string {
  switch (schedule.frequency) {
    case 'daily':
      return 'daily';
    case 'weekly':
      return `weekly-${schedule.dayOfWeek.toLowerCase()}`;
    case 'monthly':
      return `monthly-${schedule.dayOfMonth}`;
  }
}

/** Macie name of a custom data identifier, versioned by its whole definition. */
export function customIdentifierResourceName(identifier: CustomIdentifierDefinition): string {
  return `${BASELINE_NAME_PREFIX}${identifier.name}-${contentVersion(identifier)}`;
}

/** Macie name of the classification job, e.g. `bedrock-invocation-logs-daily-10pct-3f2a9c81d0`. */
export function classificationJobName(spec: InvocationLogJobSpec): string {
  return `bedrock-invocation-logs-${scheduleLabel(spec.schedule)}-${spec.samplingPercentage}pct-${contentVersion(spec)}`;
}

/** Job description (Macie allows 200 characters). */
export function classificationJobDescription(spec: InvocationLogJobSpec): string {
  return `Bedrock invocation logs in s3://${spec.bucketName}/${spec.objectKeyPrefix}: ${spec.samplingPercentage}% of new objects, ${scheduleLabel(spec.schedule)}.`;
}
