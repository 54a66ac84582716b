/**
 * The widened/narrowed verdicts of the policy diff, each checked against the IAM
 * simulator: a request that tells the two versions apart must be decided the way the
 * verdict says (a narrowed Deny lets through what the old one denied, a widened one
 * denies what the old one let through).
 */
import { diffStatements, directionMeaning, statementElementChanges, valuesWidenCondition, type Direction } from '../../cli/report/policy-diff';
import { policyDocument, type PolicyStatement } from '../../policies/document';
import { simulate, type SimRequest } from '../support/simulate';

const APP = 'arn:aws:iam::444444444444:role/ChatbotApp';
const MODEL = (region: string) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`;
const invoke = (region: string, principal = APP): SimRequest => ({
  principal,
  action: 'bedrock:InvokeModel',
  resource: MODEL(region),
  context: { 'aws:RequestedRegion': region },
});

const regionDeny = (regions: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'DenyOutsideRegions',
  Effect: 'Deny',
  Action: ['bedrock:InvokeModel'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } },
  ...extra,
});

/** Decision under a single SCP. */
const decide = (statement: PolicyStatement, request: SimRequest) => simulate({ scps: [[policyDocument([statement])]] }, request);

interface Case {
  readonly name: string;
  readonly before: PolicyStatement;
  readonly after: PolicyStatement;
  readonly direction: Direction;
  /** A request the two versions decide differently. */
  readonly witness: SimRequest;
}

const cases: Case[] = [
  {
    name: 'a region added to a StringNotEquals allow-list',
    before: regionDeny(['us-east-1']),
    after: regionDeny(['us-east-1', 'eu-west-1']),
    direction: 'narrowed',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'a region removed from the allow-list',
    before: regionDeny(['us-east-1', 'eu-west-1']),
    after: regionDeny(['us-east-1']),
    direction: 'widened',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'an action added to the Deny',
    before: regionDeny(['us-east-1'], { Action: ['bedrock:InvokeModelWithResponseStream'] }),
    after: regionDeny(['us-east-1'], { Action: ['bedrock:InvokeModelWithResponseStream', 'bedrock:InvokeModel'] }),
    direction: 'widened',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'a principal exempted with ArnNotLike',
    before: regionDeny(['us-east-1']),
    after: regionDeny(['us-east-1'], {
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/ChatbotApp'] },
      },
    }),
    direction: 'narrowed',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'a condition key removed',
    before: regionDeny(['us-east-1'], {
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] }, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Other'] } },
    }),
    after: regionDeny(['us-east-1']),
    direction: 'widened',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'the resource narrowed from * to one model',
    before: regionDeny(['us-east-1']),
    after: regionDeny(['us-east-1'], { Resource: [MODEL('us-east-1')] }),
    direction: 'narrowed',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'one action replaced by a wildcard that covers it',
    before: regionDeny(['us-east-1'], { Action: ['bedrock:InvokeModelWithResponseStream'] }),
    after: regionDeny(['us-east-1'], { Action: ['bedrock:Invoke*'] }),
    direction: 'widened',
    witness: invoke('eu-west-1'),
  },
  {
    name: 'an exemption pattern replaced by a broader one',
    before: regionDeny(['us-east-1'], {
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Other'] } },
    }),
    after: regionDeny(['us-east-1'], {
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] } },
    }),
    direction: 'narrowed',
    witness: invoke('eu-west-1'),
  },
];

describe('policy diff verdicts', () => {
  it.each(cases)('$name: $direction, and the simulator agrees', async ({ before, after, direction, witness }) => {
    const changes = diffStatements(policyDocument([before]), policyDocument([after]));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'modified', direction });

    const [was, is] = [await decide(before, witness), await decide(after, witness)];
    expect(was).not.toBe(is);
    // A narrowed Deny stops denying the witness; a widened one starts.
    expect(is === 'ExplicitlyDenied').toBe(direction === 'widened');
  });

  it('reports added and removed statements by Sid', () => {
    const kept = regionDeny(['us-east-1']);
    const added: PolicyStatement = { Sid: 'DenyMantle', Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*' };
    const changes = diffStatements(policyDocument([kept]), policyDocument([kept, added]));
    expect(changes).toEqual([expect.objectContaining({ sid: 'DenyMantle', kind: 'added', statement: added })]);
    expect(diffStatements(policyDocument([kept, added]), policyDocument([kept]))).toEqual([
      expect.objectContaining({ sid: 'DenyMantle', kind: 'removed' }),
    ]);
    expect(diffStatements(policyDocument([kept]), policyDocument([kept]))).toEqual([]);
  });

  it('calls a change in both directions, or of a non-list operator, "changed"', () => {
    const both = statementElementChanges(regionDeny(['us-east-1']), regionDeny(['eu-west-1']));
    expect(both).toEqual([
      expect.objectContaining({
        element: 'Condition StringNotEquals aws:RequestedRegion',
        added: ['eu-west-1'],
        removed: ['us-east-1'],
        direction: 'changed',
      }),
    ]);
    const nullFlip = statementElementChanges(
      regionDeny([], { Condition: { Null: { 'aws:RequestTag/Owner': 'true' } } }),
      regionDeny([], { Condition: { Null: { 'aws:RequestTag/Owner': 'false' } } }),
    );
    expect(nullFlip[0]?.direction).toBe('changed');
  });

  it('reads operators the way IAM evaluates their value lists', () => {
    expect(valuesWidenCondition('StringEquals')).toBe(true);
    expect(valuesWidenCondition('ArnLike')).toBe(true);
    expect(valuesWidenCondition('ForAnyValue:StringEquals')).toBe(true);
    expect(valuesWidenCondition('StringNotEqualsIfExists')).toBe(false);
    expect(valuesWidenCondition('ArnNotLike')).toBe(false);
    expect(valuesWidenCondition('ForAllValues:StringNotLike')).toBeUndefined();
    expect(valuesWidenCondition('Bool')).toBeUndefined();
    expect(valuesWidenCondition('NumericLessThan')).toBeUndefined();
  });

  it('says what a verdict means for Deny and Allow', () => {
    expect(directionMeaning('narrowed', 'Deny')).toBe('narrowed: denies less');
    expect(directionMeaning('widened', 'Allow')).toBe('widened: allows more');
    expect(directionMeaning('changed', 'Deny')).toBe('changed: review');
  });
});
