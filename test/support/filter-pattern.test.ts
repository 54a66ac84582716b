/** The test model of CloudWatch Logs filter patterns is itself tested before anything relies on it. */
import { FILTER_PATTERN_MAX_LENGTH, matchesFilterPattern, parseFilterPattern } from './filter-pattern';

const rootConsoleCall = {
  eventVersion: '1.09',
  userIdentity: { type: 'Root', principalId: '111111111111', arn: 'arn:aws:iam::111111111111:root', accountId: '111111111111' },
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'ListFoundationModels',
  eventType: 'AwsApiCall',
  readOnly: true,
  responseElements: null,
  resources: [{ type: 'AWS::Bedrock::Guardrail', ARN: 'arn:aws:bedrock:us-east-1:111111111111:guardrail/abc' }],
  additionalEventData: { tokens: 42 },
};

describe('documented patterns behave as documented', () => {
  // The CIS root-usage pattern from the CloudTrail and Security Hub documentation.
  const cisRoot = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

  test('the CIS root-usage pattern matches a root call and not one an AWS service made for root', () => {
    expect(matchesFilterPattern(cisRoot, rootConsoleCall)).toBe(true);
    expect(
      matchesFilterPattern(cisRoot, { ...rootConsoleCall, userIdentity: { ...rootConsoleCall.userIdentity, invokedBy: 'support.amazonaws.com' } }),
    ).toBe(false);
    expect(matchesFilterPattern(cisRoot, { ...rootConsoleCall, eventType: 'AwsServiceEvent' })).toBe(false);
    expect(matchesFilterPattern(cisRoot, { ...rootConsoleCall, userIdentity: { type: 'IAMUser' } })).toBe(false);
  });

  test('the CIS unauthorized-API pattern uses leading and trailing wildcards', () => {
    const cisUnauthorized = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
    expect(matchesFilterPattern(cisUnauthorized, { errorCode: 'AccessDenied' })).toBe(true);
    expect(matchesFilterPattern(cisUnauthorized, { errorCode: 'AccessDeniedException' })).toBe(true);
    expect(matchesFilterPattern(cisUnauthorized, { errorCode: 'Client.UnauthorizedOperation' })).toBe(true);
    expect(matchesFilterPattern(cisUnauthorized, { errorCode: 'ThrottlingException' })).toBe(false);
    expect(matchesFilterPattern(cisUnauthorized, {})).toBe(false);
  });
});

describe('semantics', () => {
  test.each([
    ['{ $.eventName = "ListFoundationModels" }', true],
    ['{ $.eventName = ListFoundationModels }', true],
    ['{ $.eventName = "listfoundationmodels" }', false],
    ['{ $.eventName = "List*Models" }', true],
    ['{ $.eventName = "*" }', true],
    ['{ $.eventName != "ListFoundationModels" }', false],
    ['{ $.resources[0].type = "AWS::Bedrock::Guardrail" }', true],
    ['{ $.resources[1].type = "AWS::Bedrock::Guardrail" }', false],
    ['{ $.additionalEventData.tokens > 41 }', true],
    ['{ $.additionalEventData.tokens >= 43 }', false],
    ['{ $.additionalEventData.tokens = 42 }', true],
    ['{ $.responseElements IS NULL }', true],
    ['{ $.readOnly IS TRUE }', true],
    ['{ $.readOnly IS FALSE }', false],
    ['{ $.errorCode NOT EXISTS }', true],
    ['{ $.eventName NOT EXISTS }', false],
    ['{ ($.eventName = "X" || $.eventName = "ListFoundationModels") && $.readOnly IS TRUE }', true],
  ])('%s -> %s', (pattern, expected) => {
    expect(matchesFilterPattern(pattern, rootConsoleCall)).toBe(expected);
  });

  test('a comparison on a missing field is false for = and != alike', () => {
    expect(matchesFilterPattern('{ $.errorCode = "*" }', rootConsoleCall)).toBe(false);
    expect(matchesFilterPattern('{ $.errorCode != "AccessDenied" }', rootConsoleCall)).toBe(false);
    expect(matchesFilterPattern('{ $.userIdentity.sessionContext.sessionIssuer.userName != "Deployer" }', rootConsoleCall)).toBe(false);
  });

  test('strings do not match objects, arrays or numbers', () => {
    expect(matchesFilterPattern('{ $.userIdentity = "*" }', rootConsoleCall)).toBe(false);
    expect(matchesFilterPattern('{ $.resources = "*" }', rootConsoleCall)).toBe(false);
    expect(matchesFilterPattern('{ $.additionalEventData.tokens = "42" }', rootConsoleCall)).toBe(false);
  });
});

describe('syntax is checked strictly', () => {
  test.each([
    ['', 'expected {'],
    ['$.eventName = "x"', 'expected {'],
    ['{ $.eventName = "x" ', 'expected }'],
    ['{ $.eventName = "x" } extra', 'unexpected text after the closing brace'],
    ['{ $.eventName = "x }', 'unterminated string'],
    ['{ $.eventName = "a\\"b" }', 'escapes are not supported in strings'],
    ['{ $.a = "x" && $.b = "y" || $.c = "z" }', '&& and || mixed without parentheses'],
    ['{ $.a == "x" }', 'expected a value'],
    ['{ $..a = "x" }', 'malformed selector'],
    ['{ eventName = "x" }', 'expected a selector'],
    ['{ $.a > "x" }', '> needs a number'],
    ['{ $.a IS MISSING }', 'expected NULL, TRUE or FALSE'],
    ['{ $.a NOT THERE }', 'expected EXISTS'],
    ['{ ($.a = "x" }', 'expected )'],
    ['{ $.a = NOT }', 'NOT is a keyword, not a value'],
  ])('%j is rejected: %s', (pattern, message) => {
    expect(() => parseFilterPattern(pattern)).toThrow(message);
  });

  test(`patterns longer than ${FILTER_PATTERN_MAX_LENGTH} characters are rejected`, () => {
    const long = `{ ${Array.from({ length: 60 }, (_, i) => `$.eventName = "Event${i}"`).join(' || ')} }`;
    expect(long.length).toBeGreaterThan(FILTER_PATTERN_MAX_LENGTH);
    expect(() => parseFilterPattern(long)).toThrow('longer than 1024 characters');
  });
});
