/**
 * The custom data identifiers and the scheduled classification job over the central
 * invocation-log bucket. Names are versioned by content (macie/classification-job.ts)
 * and both resources are create_before_destroy, so a change creates the new generation
 * before Terraform cancels the old job: no day goes unscanned, and the cancelled job
 * stays visible in Macie, which never deletes jobs.
 */
import { Macie2ClassificationJob, type Macie2ClassificationJobScheduleFrequency } from '@cdktf/provider-aws/lib/macie2-classification-job';
import { Macie2CustomDataIdentifier } from '@cdktf/provider-aws/lib/macie2-custom-data-identifier';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { COMPARATOR_STARTS_WITH, JOB_STATUS_RUNNING, JOB_STATUS_USER_PAUSED, JOB_TYPE_SCHEDULED, SCOPE_KEY_OBJECT_KEY } from '../macie/api-values';
import {
  classificationJobDescription,
  classificationJobName,
  customIdentifierResourceName,
  type ClassificationSchedule,
  type InvocationLogJobSpec,
} from '../macie/classification-job';
import type { CustomIdentifierDefinition } from '../macie/custom-identifiers';

export interface MacieInvocationLogClassificationProps {
  /** Bucket, prefix, schedule and sampling of the job. */
  readonly job: Omit<InvocationLogJobSpec, 'customIdentifierNames'>;
  /** Identifiers the job uses besides Macie's managed ones. */
  readonly customIdentifiers: readonly CustomIdentifierDefinition[];
  /** Pause the job in place (the one argument that does not force a new job). */
  readonly paused: boolean;
  /** What must exist first: the Macie session, and the membership of the bucket's account. */
  readonly dependsOn: readonly ITerraformDependable[];
}

function scheduleFrequency(schedule: ClassificationSchedule): Macie2ClassificationJobScheduleFrequency {
  switch (schedule.frequency) {
    case 'daily':
      return { dailySchedule: true };
    case 'weekly':
      return { weeklySchedule: schedule.dayOfWeek };
    case 'monthly':
      return { monthlySchedule: schedule.dayOfMonth };
  }
}

export class MacieInvocationLogClassification extends Construct {
  /** The custom data identifiers, by their short name. */
  readonly customIdentifiers: ReadonlyMap<string, Macie2CustomDataIdentifier>;
  /** The scheduled job. */
  readonly job: Macie2ClassificationJob;

  constructor(scope: Construct, id: string, props: MacieInvocationLogClassificationProps) {
    super(scope, id);
    const identifiers = new Map<string, Macie2CustomDataIdentifier>();
    for (const definition of props.customIdentifiers) {
      identifiers.set(
        definition.name,
        new Macie2CustomDataIdentifier(this, `custom-identifier-${definition.name}`, {
          name: customIdentifierResourceName(definition),
          description: definition.description,
          regex: definition.regex,
          keywords: definition.keywords.length > 0 ? [...definition.keywords] : undefined,
          ignoreWords: definition.ignoreWords.length > 0 ? [...definition.ignoreWords] : undefined,
          maximumMatchDistance: definition.maximumMatchDistance,
          lifecycle: { createBeforeDestroy: true },
          dependsOn: [...props.dependsOn],
        }),
      );
    }
    this.customIdentifiers = identifiers;

    const spec: InvocationLogJobSpec = {
      ...props.job,
      customIdentifierNames: props.customIdentifiers.map(customIdentifierResourceName),
    };
    this.job = new Macie2ClassificationJob(this, 'invocation-log-job', {
      name: classificationJobName(spec),
      description: classificationJobDescription(spec),
      jobType: JOB_TYPE_SCHEDULED,
      scheduleFrequency: scheduleFrequency(spec.schedule),
      samplingPercentage: spec.samplingPercentage,
      initialRun: spec.analyzeExistingObjects,
      jobStatus: props.paused ? JOB_STATUS_USER_PAUSED : JOB_STATUS_RUNNING,
      customDataIdentifierIds: [...identifiers.values()].map((identifier) => identifier.id),
      s3JobDefinition: {
        bucketDefinitions: [{ accountId: spec.bucketAccountId, buckets: [spec.bucketName] }],
        scoping: {
          includes: {
            and: [{ simpleScopeTerm: { comparator: COMPARATOR_STARTS_WITH, key: SCOPE_KEY_OBJECT_KEY, values: [spec.objectKeyPrefix] } }],
          },
        },
      },
      // The name already versions the identifiers, so any change of theirs replaces the
      // job; ignoring the list only keeps an order Macie might read back differently
      // from replacing the job on every plan.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['custom_data_identifier_ids'] },
      dependsOn: [...props.dependsOn],
    });
  }
}
