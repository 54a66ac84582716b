/** The `logging:` section of the config: safe defaults, and one clear message per problem at its YAML path. */
import { ConfigError, loadConfig, parseConfig } from '../../config/load';
import { editedExampleConfig } from '../support/config-fixtures';

function loadWithLogging(logging: Record<string, unknown>) {
  return parseConfig(editedExampleConfig({ set: ['logging'], value: logging }), 'test.yaml');
}

function problemsWith(logging: Record<string, unknown>): string[] {
  try {
    loadWithLogging(logging);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

test('the example config gets the safe defaults', () => {
  expect(loadConfig('config/baseline.yaml').logging).toEqual({
    objectLockRetentionDays: 365,
    infrequentAccessAfterDays: 30,
    glacierInstantRetrievalAfterDays: 90,
    landingExpirationDays: 7,
    readerRoleArns: [],
    invocationLogging: { imageDataDelivery: false, embeddingDataDelivery: false, videoDataDelivery: false },
    cloudWatch: { enabled: false, retentionDays: 30 },
    cloudTrail: { readOnlyDataEvents: true },
  });
});

test('a partial section keeps the defaults of what it leaves out', () => {
  const config = loadWithLogging({ invocationLogging: { imageDataDelivery: true }, cloudWatch: { enabled: true } });
  expect(config.logging.invocationLogging).toEqual({ imageDataDelivery: true, embeddingDataDelivery: false, videoDataDelivery: false });
  expect(config.logging.cloudWatch).toEqual({ enabled: true, retentionDays: 30 });
  expect(config.logging.objectLockRetentionDays).toBe(365);
});

test.each([
  [{ centralExpirationDays: 100 }, /logging\.centralExpirationDays: 100 is shorter than logging\.objectLockRetentionDays \(365\)/],
  [{ infrequentAccessAfterDays: 10 }, /logging\.infrequentAccessAfterDays: S3 moves objects to STANDARD_IA no earlier than 30 days/],
  [
    { glacierInstantRetrievalAfterDays: 45 },
    /logging\.glacierInstantRetrievalAfterDays: 45 must be at least 30 days after logging\.infrequentAccessAfterDays \(30\)/,
  ],
  [{ objectLockRetentionDays: 0 }, /logging\.objectLockRetentionDays: objectLockRetentionDays must be at least 1 day/],
  [{ landingExpirationDays: 1.5 }, /logging\.landingExpirationDays: must be a whole number of days, got 1\.5/],
  [{ cloudWatch: { retentionDays: 42 } }, /logging\.cloudWatch\.retentionDays: 42 is not a retention CloudWatch Logs accepts/],
  [{ readerRoleArns: ['arn:aws:iam::123:role/Reader'] }, /logging\.readerRoleArns\[0\]: "arn:aws:iam::123:role\/Reader" is not an IAM role ARN/],
  [{ cloudTrail: { readOnly: false } }, /logging\.cloudTrail\.readOnly: unknown key/],
])('%j is reported at its path', (logging, message) => {
  const problems = problemsWith(logging);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(message);
});
