/**
 * Versioned names: a change of anything that forces a new Macie job or identifier must
 * change the name (so the replacement is deliberate and visible), and nothing else may.
 */
import {
  classificationJobDescription,
  classificationJobName,
  customIdentifierResourceName,
  scheduleLabel,
  type InvocationLogJobSpec,
} from '../../macie/classification-job';
import { CUSTOM_IDENTIFIER_LIMITS, SECRET_IDENTIFIERS } from '../../macie/custom-identifiers';

const spec: InvocationLogJobSpec = {
  bucketAccountId: '222222222222',
  bucketName: 'bedrock-gov-invocation-logs-222222222222-us-east-1',
  objectKeyPrefix: 'AWSLogs/',
  samplingPercentage: 10,
  schedule: { frequency: 'daily' },
  analyzeExistingObjects: false,
  customIdentifierNames: ['bedrock-gov-private-key-0123456789'],
};

describe('classificationJobName', () => {
  it('is stable for an equal spec, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as unknown as InvocationLogJobSpec;
    expect(classificationJobName(reordered)).toBe(classificationJobName(spec));
    expect(classificationJobName(spec)).toMatch(/^bedrock-invocation-logs-daily-10pct-[0-9a-f]{10}$/);
  });

  it.each<[string, Partial<InvocationLogJobSpec>]>([
    ['bucket account', { bucketAccountId: '999999999999' }],
    ['bucket', { bucketName: 'another-bucket' }],
    ['prefix', { objectKeyPrefix: 'other/' }],
    ['sampling', { samplingPercentage: 11 }],
    ['schedule', { schedule: { frequency: 'weekly', dayOfWeek: 'MONDAY' } }],
    ['weekday', { schedule: { frequency: 'weekly', dayOfWeek: 'TUESDAY' } }],
    ['initial run', { analyzeExistingObjects: true }],
    ['identifiers', { customIdentifierNames: ['bedrock-gov-private-key-9876543210'] }],
  ])('changes when the %s changes', (_what, change) => {
    expect(classificationJobName({ ...spec, ...change })).not.toBe(classificationJobName(spec));
  });

  it('fits Macie’s limits for the longest bucket name', () => {
    const longest = {
      ...spec,
      bucketName: 'b'.repeat(63),
      schedule: { frequency: 'weekly', dayOfWeek: 'WEDNESDAY' } as const,
      samplingPercentage: 100,
    };
    expect(classificationJobName(longest).length).toBeLessThanOrEqual(500);
    expect(classificationJobDescription(longest).length).toBeLessThanOrEqual(200);
  });
});

describe('scheduleLabel', () => {
  it.each([
    [{ frequency: 'daily' } as const, 'daily'],
    [{ frequency: 'weekly', dayOfWeek: 'SUNDAY' } as const, 'weekly-sunday'],
    [{ frequency: 'monthly', dayOfMonth: 15 } as const, 'monthly-15'],
  ])('%o is %s', (schedule, label) => {
    expect(scheduleLabel(schedule)).toBe(label);
  });
});

describe('customIdentifierResourceName', () => {
  const [privateKey] = SECRET_IDENTIFIERS;

  it('changes with any part of the definition and fits Macie’s name limit', () => {
    const name = customIdentifierResourceName(privateKey!);
    expect(name).toMatch(/^bedrock-gov-private-key-[0-9a-f]{10}$/);
    for (const change of [
      { regex: 'x+y' },
      { keywords: ['key'] },
      { ignoreWords: ['sample'] },
      { maximumMatchDistance: 51 },
      { description: 'other' },
    ]) {
      expect(customIdentifierResourceName({ ...privateKey!, ...change })).not.toBe(name);
    }
    expect(customIdentifierResourceName({ ...privateKey!, name: 'a'.repeat(63) }).length).toBeLessThanOrEqual(CUSTOM_IDENTIFIER_LIMITS.nameLength);
  });
});
