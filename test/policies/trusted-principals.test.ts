/**
 * The list of principals baseline policies trust by name, and what the SCP and the alarm
 * derive from it: the shortest pattern list that protects the same names, which roles may
 * be passed to which service, the names the alarm watches, the accounts the safeguard SCP is
 * attached to directly.
 */
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { breakGlassRolesIn } from '../../policies/principals';
import {
  otherAccountsWithTrustedPrincipals,
  patternCovers,
  protectedRolePatterns,
  trustedPrincipals,
  trustedRoleNames,
  withoutCoveredPatterns,
} from '../../policies/trusted-principals';

const example = loadConfig('config/baseline.yaml');
const wide: BaselineConfig = {
  ...example,
  governance: {
    ...example.governance,
    breakGlassRoleArns: [
      'arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin',
      'arn:aws:iam::444444444444:role/bedrock-gov-break-glass/LocalGlass',
    ],
    guardrailExemptions: { viaAwsServiceRoleNames: ['RagQuery'], bedrockServiceRoleNames: ['AgentRole'] },
  },
  logging: {
    ...example.logging,
    readerRoleArns: ['arn:aws:iam::*:role/SiemReader', 'arn:aws:iam::888888888888:role/Forensics', 'arn:aws:iam::111111111111:role/MgmtReader'],
  },
};

test('a pattern covers another only when every ARN the other matches, it matches too', () => {
  expect(patternCovers('arn:aws:iam::*:role/bedrock-gov-*', 'arn:aws:iam::*:role/bedrock-gov-break-glass/*')).toBe(true);
  expect(patternCovers('arn:aws:iam::*:role/X', 'arn:aws:iam::444444444444:role/X')).toBe(true);
  expect(patternCovers('arn:aws:iam::444444444444:role/X', 'arn:aws:iam::*:role/X')).toBe(false);
  expect(patternCovers('arn:aws:iam::*:role/X', 'arn:aws:iam::*:role/path/X')).toBe(false);
  expect(
    withoutCoveredPatterns([
      'arn:aws:iam::*:role/bedrock-gov-*',
      'arn:aws:iam::*:role/bedrock-gov-break-glass/A',
      'arn:aws:iam::*:role/B',
      'arn:aws:iam::*:role/B',
    ]),
  ).toEqual(['arn:aws:iam::*:role/B', 'arn:aws:iam::*:role/bedrock-gov-*']);
});

test('every trusted role is protected by the SCP or by IAM; only Bedrock service roles may be passed, and only to Bedrock', () => {
  const principals = trustedPrincipals(wide);
  expect(principals.filter((principal) => principal.protectedBy === 'iam').map((principal) => principal.kind)).toEqual([
    'service-linked',
    'service-linked',
  ]);
  const { notPassable, passableTo } = protectedRolePatterns(principals);
  expect([...passableTo]).toEqual([['bedrock.amazonaws.com', ['arn:aws:iam::*:role/AgentRole']]]);
  expect(notPassable).toEqual([
    'arn:aws:iam::*:role/BedrockGuardedInvoke',
    'arn:aws:iam::*:role/GovernanceBaselineDeployer',
    'arn:aws:iam::*:role/RagQuery',
    'arn:aws:iam::*:role/SiemReader',
    'arn:aws:iam::*:role/bedrock-gov-*',
    'arn:aws:iam::111111111111:role/MgmtReader',
    'arn:aws:iam::333333333333:role/IncidentResponder',
    'arn:aws:iam::888888888888:role/Forensics',
  ]);
});

test('the alarm watches each trusted name once, the prefix as a wildcard', () => {
  expect(trustedRoleNames(trustedPrincipals(wide))).toEqual([
    'AgentRole',
    'BedrockGuardedInvoke',
    'BreakGlassAdmin',
    'Forensics',
    'GovernanceBaselineDeployer',
    'IncidentResponder',
    'LocalGlass',
    'MgmtReader',
    'RagQuery',
    'SiemReader',
    'bedrock-gov-*',
  ]);
});

test('accounts holding a trusted principal outside the governed OUs and the core accounts get the safeguard SCP directly; the management account cannot', () => {
  expect(otherAccountsWithTrustedPrincipals(wide, trustedPrincipals(wide))).toEqual(['888888888888']);
});

test('a break-glass role of any account is pinned to the account asked for; one of another account is left out', () => {
  expect(breakGlassRolesIn('555555555555', wide.governance.breakGlassRoleArns)).toEqual([
    'arn:aws:iam::555555555555:role/bedrock-gov-break-glass/BreakGlassAdmin',
  ]);
  expect(breakGlassRolesIn('444444444444', wide.governance.breakGlassRoleArns)).toEqual([
    'arn:aws:iam::444444444444:role/bedrock-gov-break-glass/BreakGlassAdmin',
    'arn:aws:iam::444444444444:role/bedrock-gov-break-glass/LocalGlass',
  ]);
});
