/**
 * Every Macie API literal the baseline writes, checked against the enums of the AWS SDK
 * v3 client: first the constants, then the values as synthesized into the stack for
 * each kind of schedule.
 */
import {
  DataIdentifierSeverity,
  DayOfWeek,
  FindingPublishingFrequency,
  JobComparator,
  JobStatus,
  JobType,
  MacieStatus,
  ManagedDataIdentifierSelector,
  ScopeFilterKey,
  SeverityDescription,
} from '@aws-sdk/client-macie2';
import { Testing } from 'cdktf';
import {
  COMPARATOR_STARTS_WITH,
  CUSTOM_IDENTIFIER_FINDING_SEVERITY,
  DAYS_OF_WEEK,
  FINDING_PUBLISHING_FREQUENCIES,
  FINDING_SEVERITIES,
  JOB_STATUS_RUNNING,
  JOB_STATUS_USER_PAUSED,
  JOB_TYPE_SCHEDULED,
  MACIE_STATUS_ENABLED,
  MANAGED_IDENTIFIER_SELECTOR_API_DEFAULT,
  SCOPE_KEY_OBJECT_KEY,
} from '../../macie/api-values';
import { SecurityAuditStack } from '../../stacks/security-audit';
import { withMacie } from '../support/config';
import { resourcesOfType, synthStack } from '../support/synth';

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('Macie API literals match @aws-sdk/client-macie2', () => {
  it.each([
    ['job type', JOB_TYPE_SCHEDULED, JobType],
    ['scope key', SCOPE_KEY_OBJECT_KEY, ScopeFilterKey],
    ['comparator', COMPARATOR_STARTS_WITH, JobComparator],
    ['running job status', JOB_STATUS_RUNNING, JobStatus],
    ['paused job status', JOB_STATUS_USER_PAUSED, JobStatus],
    ['account and member status', MACIE_STATUS_ENABLED, MacieStatus],
    ['managed identifier selector default', MANAGED_IDENTIFIER_SELECTOR_API_DEFAULT, ManagedDataIdentifierSelector],
    ['custom identifier severity', CUSTOM_IDENTIFIER_FINDING_SEVERITY.toUpperCase(), DataIdentifierSeverity],
  ])('%s %s', (_what, value, sdkEnum) => {
    expect(Object.values(sdkEnum)).toContain(value);
  });

  it.each([
    ['finding publishing frequencies', FINDING_PUBLISHING_FREQUENCIES, FindingPublishingFrequency],
    ['days of the week', DAYS_OF_WEEK, DayOfWeek],
    ['finding severities', FINDING_SEVERITIES, SeverityDescription],
  ])('%s are exactly the SDK values', (_what, values, sdkEnum) => {
    expect(sorted(values)).toEqual(sorted(Object.values(sdkEnum)));
  });
});

describe('the synthesized job uses only SDK enum values', () => {
  const schedules = [{ frequency: 'daily' }, { frequency: 'weekly', dayOfWeek: 'WEDNESDAY' }, { frequency: 'monthly', dayOfMonth: 28 }] as const;

  it.each(schedules)('%o', (schedule) => {
    for (const paused of [false, true]) {
      const config = withMacie((macie) => ({ classification: { ...macie.classification, schedule, paused } }));
      const stack = synthStack(new SecurityAuditStack(Testing.app(), config));
      const [job] = Object.values(resourcesOfType(stack, 'aws_macie2_classification_job')) as Array<Record<string, any>>;
      expect(Object.values(JobType)).toContain(job!.job_type);
      expect(Object.values(JobStatus)).toContain(job!.job_status);
      const term = job!.s3_job_definition.scoping.includes.and[0].simple_scope_term;
      expect(Object.values(JobComparator)).toContain(term.comparator);
      expect(Object.values(ScopeFilterKey)).toContain(term.key);
      if (schedule.frequency === 'weekly') expect(Object.values(DayOfWeek)).toContain(job!.schedule_frequency.weekly_schedule);

      const [account] = Object.values(resourcesOfType(stack, 'aws_macie2_account')) as Array<Record<string, any>>;
      expect(Object.values(FindingPublishingFrequency)).toContain(account!.finding_publishing_frequency);
      expect(Object.values(MacieStatus)).toContain(account!.status);
    }
  });
});
