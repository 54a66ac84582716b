/**
 * governance.breakGlassRoleArns and governance.breakGlassTrust: break-glass roles only on the
 * reserved path (a config from before it says which ARN to use instead), and who may assume
 * the roles the baseline creates named by exact role ARNs of one account each.
 */
import { parseConfig } from '../../config/load';
import { configProblems, editedExampleConfig } from '../support/config-fixtures';

const set = (path: ReadonlyArray<string | number>, value: unknown) => ({ set: path, value });

test('a break-glass role off the reserved path is refused at its entry, with the ARN to use and where the roles come from', () => {
  const problems = configProblems(
    editedExampleConfig(
      set(['governance', 'breakGlassRoleArns'], ['arn:aws:iam::*:role/BreakGlassAdmin', 'arn:aws:iam::444444444444:role/ops/Glass']),
    ),
  );
  expect(problems).toEqual([
    'governance.breakGlassRoleArns[0]: "arn:aws:iam::*:role/BreakGlassAdmin" is not on the reserved path /bedrock-gov-break-glass/, so any account administrator could create a role of that name and hold the exemption: use "arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin" and create the role on that path with the deployment role or through governance.breakGlassTrust (docs/scps.md, "How to break glass")',
    expect.stringMatching(
      /^governance\.breakGlassRoleArns\[1\]: "arn:aws:iam::444444444444:role\/ops\/Glass" is not on the reserved path .* use "arn:aws:iam::444444444444:role\/bedrock-gov-break-glass\/Glass"/,
    ),
  ]);
});

test('roles below the reserved path are break-glass roles too', () => {
  const config = parseConfig(
    editedExampleConfig(set(['governance', 'breakGlassRoleArns'], ['arn:aws:iam::*:role/bedrock-gov-break-glass/team-a/Glass'])),
    'ok.yaml',
  );
  expect(config.governance.breakGlassRoleArns).toEqual(['arn:aws:iam::*:role/bedrock-gov-break-glass/team-a/Glass']);
});

test('who may assume break-glass roles is a list of role ARNs of one account each, without repeats', () => {
  expect(
    configProblems(editedExampleConfig(set(['governance', 'breakGlassTrust', 'principalArns'], ['arn:aws:iam::*:role/IncidentResponder']))),
  ).toEqual([
    'governance.breakGlassTrust.principalArns[0]: "arn:aws:iam::*:role/IncidentResponder" is not the ARN of one IAM role (arn:aws:iam::<account id>:role/<name>)',
  ]);
  expect(configProblems(editedExampleConfig(set(['governance', 'breakGlassTrust', 'principalArns'], [])))).toEqual([
    'governance.breakGlassTrust.principalArns: must name at least one role that may assume the break-glass roles',
  ]);
  const twice = 'arn:aws:iam::333333333333:role/IncidentResponder';
  expect(configProblems(editedExampleConfig(set(['governance', 'breakGlassTrust', 'principalArns'], [twice, twice])))).toEqual([
    `governance.breakGlassTrust.principalArns[1]: "${twice}" duplicates the role at index 0`,
  ]);
});

test('MFA is required unless the config says otherwise', () => {
  const config = parseConfig(editedExampleConfig({ delete: ['governance', 'breakGlassTrust', 'requireMfa'] }), 'ok.yaml');
  expect(config.governance.breakGlassTrust?.requireMfa).toBe(true);
});
