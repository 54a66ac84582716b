import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { aliasExpansionProblem } from '../../config/alias-expansion';
import { ConfigError, formatPath, loadConfig, parseConfig } from '../../config/load';
import { KNOWN_REGIONS } from '../../config/regions';
import { scpBudgetIssues } from '../../checks/synth-config-checks';
import { editedExampleConfig, EXAMPLE_CONFIG_PATH, exampleConfigText, type ConfigEdit } from '../support/config-fixtures';

const FILE = 'bad.yaml';

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, FILE, [scpBudgetIssues]);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('the config was accepted');
}

/** Each problem line without its `file:line: ` prefix. */
const withoutLocation = (problems: string[]): string[] => problems.map((p) => p.replace(/^bad\.yaml(:\d+)?: /, ''));

describe('the example config', () => {
  test('loads, with lists in canonical order', () => {
    const config = loadConfig(EXAMPLE_CONFIG_PATH);
    expect(config.workloadAccounts.map((a) => a.id)).toEqual([...config.workloadAccounts.map((a) => a.id)].sort());
    expect(config.governance.allowedRegions).toEqual(['us-east-1', 'us-west-2']);
  });

  test('has at least 3 OUs in different environments and 4 workload accounts over 2 regions', () => {
    const config = loadConfig(EXAMPLE_CONFIG_PATH);
    expect(new Set(config.organizationalUnits.map((ou) => ou.environment)).size).toBeGreaterThanOrEqual(3);
    expect(config.workloadAccounts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(config.workloadAccounts.flatMap((a) => a.regions)).size).toBeGreaterThanOrEqual(2);
  });
});

const BAD_INPUTS: Array<[string, ConfigEdit[], string[]]> = [
  [
    'account id of the wrong shape',
    [{ set: ['workloadAccounts', 1, 'id'], value: '55555' }],
    ['workloadAccounts[1].id: "55555" is not a 12-digit account id'],
  ],
  [
    'account id written as a number',
    [{ set: ['coreAccounts', 'audit'], value: 333333333333 }],
    ['coreAccounts.audit: must be a 12-digit account id in quotes, got 333333333333'],
  ],
  [
    'unknown region in the allow-list',
    [{ set: ['governance', 'allowedRegions', 1], value: 'eu-west-9' }],
    ['governance.allowedRegions[1]: "eu-west-9" is not a known AWS region'],
  ],
  [
    'account region outside the allow-list',
    [{ set: ['workloadAccounts', 2, 'regions', 0], value: 'eu-west-9' }],
    ['workloadAccounts[2].regions[0]: "eu-west-9" is not in governance.allowedRegions'],
  ],
  [
    'duplicate account',
    [{ set: ['workloadAccounts', 3, 'id'], value: '444444444444' }],
    ['workloadAccounts[3].id: "444444444444" duplicates the account at index 0'],
  ],
  ['missing mandatory tag', [{ delete: ['workloadAccounts', 0, 'tags', 'Owner'] }], ['workloadAccounts[0].tags.Owner: missing mandatory tag Owner']],
  [
    'disallowed tag value',
    [{ set: ['workloadAccounts', 1, 'tags', 'DataClassification'], value: 'secret' }],
    ['workloadAccounts[1].tags.DataClassification: "secret" is not one of public, internal, confidential, restricted'],
  ],
  [
    "an account tag in the baseline's reserved name space (its SCPs protect what carries it)",
    [{ set: ['workloadAccounts', 1, 'tags', 'bedrock-gov:protected'], value: 'network' }],
    [
      'workloadAccounts[1].tags."bedrock-gov:protected": "bedrock-gov:protected" is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@, not starting with aws: or bedrock-gov:)',
    ],
  ],
  [
    'a mandatory tag key that AWS reserves',
    [{ set: ['mandatoryTags', 'aws:cloudformation:stack-name'], value: [] }],
    [
      'mandatoryTags."aws:cloudformation:stack-name": "aws:cloudformation:stack-name" is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@, not starting with aws: or bedrock-gov:)',
    ],
  ],
  [
    'disallowed environment',
    [{ set: ['organizationalUnits', 2, 'environment'], value: 'staging' }],
    [
      'organizationalUnits[2].environment: "staging" is not one of dev, test, prod (mandatoryTags.Environment)',
      'workloadAccounts[3].environment: "dev" differs from the environment "staging" of its OU ou-ab12-dev00001',
    ],
  ],
  [
    'OU that is not declared',
    [{ set: ['workloadAccounts', 2, 'ou'], value: 'ou-ab12-nope0001' }],
    ['workloadAccounts[2].ou: "ou-ab12-nope0001" is not declared in organizationalUnits'],
  ],
  [
    'empty allow-list',
    [{ set: ['governance', 'allowedRegions'], value: [] }],
    ['governance.allowedRegions: must list at least one region: an empty allow-list would deny Bedrock everywhere'],
  ],
  ['unknown key', [{ set: ['governance', 'allowedRegion'], value: ['us-east-1'] }], ['governance.allowedRegion: unknown key']],
  ['missing section', [{ delete: ['coreAccounts'] }], ['coreAccounts: is required']],
  [
    'management account as a workload account',
    [{ set: ['workloadAccounts', 0, 'id'], value: '111111111111' }],
    [
      'workloadAccounts[0].id: "111111111111" is organization.managementAccountId (SCPs never apply to the management account), not a workload account',
    ],
  ],
  [
    'unknown cross-region inference mode',
    [{ set: ['governance', 'crossRegionInference'], value: 'worldwide' }],
    ['governance.crossRegionInference: Invalid option: expected one of "none"|"geographic"|"global"'],
  ],
  [
    'break-glass entry that is not a role ARN',
    [{ set: ['governance', 'breakGlassRoleArns', 0], value: 'arn:aws:iam::*:user/root' }],
    ['governance.breakGlassRoleArns[0]: "arn:aws:iam::*:user/root" is not an IAM role ARN (arn:aws:iam::<account id or *>:role/<name>)'],
  ],
  [
    'canary account that is not a workload account',
    [{ set: ['rollout', 'canary', 'accounts'], value: ['999999999999', '666666666666', '666666666666'] }],
    [
      'rollout.canary.accounts[0]: "999999999999" is not one of workloadAccounts',
      'rollout.canary.accounts[2]: "666666666666" duplicates the account at index 1',
    ],
  ],
  [
    'canary OU that is not declared',
    [{ set: ['rollout', 'canary', 'organizationalUnits'], value: ['ou-ab12-nope0001'] }],
    ['rollout.canary.organizationalUnits[0]: "ou-ab12-nope0001" is not declared in organizationalUnits'],
  ],
];

describe('bad input gives one line per problem naming the YAML path', () => {
  test.each(BAD_INPUTS)('%s', (_name, edits, expected) => {
    expect(withoutLocation(problemsOf(editedExampleConfig(...edits)))).toEqual(expected);
  });

  test('several problems are all reported, in document order', () => {
    const problems = problemsOf(
      editedExampleConfig(
        { set: ['workloadAccounts', 2, 'regions', 0], value: 'eu-west-1' },
        { set: ['workloadAccounts', 0, 'ou'], value: 'ou-ab12-nope0001' },
      ),
    );
    expect(withoutLocation(problems)).toEqual([
      'workloadAccounts[0].ou: "ou-ab12-nope0001" is not declared in organizationalUnits',
      'workloadAccounts[2].regions[0]: "eu-west-1" is not in governance.allowedRegions',
    ]);
  });

  test('each line carries the line number of the offending value', () => {
    const text = editedExampleConfig({ set: ['workloadAccounts', 2, 'regions', 0], value: 'eu-west-9' });
    const [problem] = problemsOf(text);
    const line = Number(/^bad\.yaml:(\d+):/.exec(problem!)?.[1]);
    expect(text.split('\n')[line - 1]).toContain('eu-west-9');
  });

  test('YAML syntax errors and duplicate keys are reported with their line', () => {
    expect(problemsOf('organization:\n  id: [unclosed\n')[0]).toMatch(/^bad\.yaml:\d+: YAML syntax: /);
    expect(problemsOf('governance: {}\ngovernance: {}\n')[0]).toMatch(/^bad\.yaml:2: YAML syntax: Map keys must be unique/);
  });

  test('an SCP over the size limit is a config error naming governance.scpSizeLimit', () => {
    const manyRoles = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::*:role/bedrock-gov-break-glass/break-glass-role-with-a-long-name-${i}`);
    // Without the trail alarms, whose break-glass filter pattern would be refused first (test/config/alarms-config.test.ts).
    const noTrailAlarms = { set: ['alarms', 'organizationTrail', 'enabled'], value: false } as const;
    const problems = withoutLocation(problemsOf(editedExampleConfig({ set: ['governance', 'breakGlassRoleArns'], value: manyRoles }, noTrailAlarms)));
    expect(problems).toEqual([
      ...['ou-ab12-dev00001', 'ou-ab12-prod0001', 'ou-ab12-test0001'].map((ou) =>
        expect.stringMatching(
          new RegExp(`^governance\\.scpSizeLimit: SCP DenyBedrockOutsideApprovedUse-${ou} would be \\d+ characters, over the limit of 5120: `),
        ),
      ),
      expect.stringMatching(/^governance\.scpSizeLimit: SCP DenyBedrockGovernanceTampering would be \d+ characters, over the limit of 5120: /),
      expect.stringMatching(/^governance\.scpSizeLimit: SCP RequireBedrockResourceTags would be \d+ characters, over the limit of 5120: /),
      expect.stringMatching(
        /^governance\.scpSizeLimit: SCP DenyBaselineSafeguardTampering would be \d+ characters, over the limit of 5120: shorten governance\.breakGlassRoleArns, /,
      ),
      expect.stringMatching(/^governance\.scpSizeLimit: SCP DenyCoreAccountTampering would be \d+ characters, over the limit of 5120: /),
    ]);
  });

  test('a missing file names the environment variable to use', () => {
    expect(() => loadConfig('does/not/exist.yaml')).toThrow(/cannot read the config: file not found \(set BASELINE_CONFIG to another file\)/);
  });
});

describe('anchors and aliases', () => {
  test('a 1,000-account config whose accounts share tag maps through aliases loads as written out', () => {
    const base = exampleConfigText().replace(/^workloadAccounts:[\s\S]*$/m, 'workloadAccounts:\n');
    const accounts = (tags: (index: number) => string) =>
      Array.from(
        { length: 1000 },
        (_, index) =>
          `  - { id: "${100_000_000_000 + index}", name: app-${index}, ou: ou-ab12-prod0001, environment: prod, regions: [us-east-1, us-west-2], tags: ${tags(index)} }\n`,
      ).join('');
    const tagMaps = [
      '{ Owner: ai-platform, CostCenter: "1234", DataClassification: confidential }',
      '{ Owner: data-science, CostCenter: "5678", DataClassification: internal }',
    ];
    const aliased = base + accounts((index) => (index < 2 ? `&shared-${index} ${tagMaps[index]}` : `*shared-${index % 2}`));
    const writtenOut = base + accounts((index) => tagMaps[index % 2]!);
    const config = parseConfig(aliased, FILE);
    expect(config.workloadAccounts).toHaveLength(1000);
    expect(config).toEqual(parseConfig(writtenOut, FILE));
  });

  test("a problem in a shared tag map is reported for each account, at that account's alias", () => {
    const text = [
      exampleConfigText().replace(/^workloadAccounts:[\s\S]*$/m, ''),
      'workloadAccounts:',
      ...['444444444444', '555555555555'].flatMap((id, index) => [
        `  - id: "${id}"`,
        `    name: app-${index}`,
        '    ou: ou-ab12-prod0001',
        '    environment: prod',
        '    regions: [us-east-1, us-west-2]',
        index === 0 ? '    tags: &prod-tags { Owner: ai-platform, CostCenter: "1234", DataClassification: secretish }' : '    tags: *prod-tags',
      ]),
      '',
    ].join('\n');
    const problems = problemsOf(text);
    const lines = text.split('\n');
    expect(withoutLocation(problems)).toEqual(
      [0, 1].map((i) => `workloadAccounts[${i}].tags.DataClassification: "secretish" is not one of public, internal, confidential, restricted`),
    );
    expect(problems.map((problem) => lines[Number(/^bad\.yaml:(\d+):/.exec(problem)![1]) - 1])).toEqual([
      expect.stringContaining('&prod-tags'),
      '    tags: *prod-tags',
    ]);
  });

  test('an alias bomb is refused, with the path and line of the alias that passes the bound, without expanding it', () => {
    // 30 levels of ten aliases each: 10^30 nodes expanded, a 3 KB text.
    const levels = Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const bomb = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]', ...levels].join('\n');
    const [problem, ...others] = problemsOf(bomb);
    expect(others).toEqual([]);
    expect(problem).toMatch(
      /^bad\.yaml:(\d+): l\d+\[\d\]: YAML: with alias \*l\d+ the aliases expand the document by more than 1,000,000 nodes \(a guard against alias bombs\)$/,
    );
    const line = Number(/^bad\.yaml:(\d+):/.exec(problem!)![1]);
    expect(bomb.split('\n')[line - 1]).toMatch(new RegExp(`^${/: (l\d+)\[/.exec(problem!)![1]}: `));
  });

  test('the bound counts what aliases add, so a million-node expansion is refused and one just below it is not', () => {
    const sharedList = (items: number, uses: number) =>
      `shared: &s [${Array(items).fill('x').join(', ')}]\nuses: [${Array(uses).fill('*s').join(', ')}]\n`;
    // Each use adds the list (1 node) and its items, less the alias node itself.
    expect(aliasExpansionProblem(parseDocument(sharedList(999, 1000)))).toBeUndefined();
    expect(aliasExpansionProblem(parseDocument(sharedList(1000, 1001)))).toMatchObject({ path: ['uses', 1000] });
  });

  test('an alias inside the node it refers to is refused, not expanded forever', () => {
    expect(problemsOf('a: &x [1, *x]\n')).toEqual([
      'bad.yaml:1: a[1]: YAML: alias *x is inside the node it refers to, which would expand without end',
    ]);
  });
});

describe('canonical order', () => {
  test('reordered lists and keys load to the same config', () => {
    const reordered = editedExampleConfig(
      { set: ['governance', 'allowedRegions'], value: ['us-west-2', 'us-east-1'] },
      { set: ['workloadAccounts', 1, 'regions'], value: ['us-west-2', 'us-east-1'] },
    );
    const original = parseConfig(exampleConfigText(), FILE);
    const shuffled = parseConfig(reordered, FILE);
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(original));
  });
});

test('formatPath writes YAML paths the way the messages do', () => {
  expect(formatPath(['workloadAccounts', 2, 'regions', 0])).toBe('workloadAccounts[2].regions[0]');
  expect(formatPath(['mandatoryTags', 'Cost Center'])).toBe('mandatoryTags."Cost Center"');
});

test('the region table matches the AWS SDK partition data', () => {
  // The SDK's own endpoint data (aws partition) is the oracle for which regions exist.
  const source = readFileSync(
    require.resolve('@aws-sdk/core/package.json').replace('package.json', 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    'utf8',
  );
  const aws = JSON.parse(source.replace(/^export const partitionsInfo = /, '').replace(/;\s*$/, '')).partitions.find(
    (p: { id: string }) => p.id === 'aws',
  );
  const sdkRegions = Object.keys(aws.regions)
    .filter((r) => !r.startsWith('aws-'))
    .sort();
  expect([...KNOWN_REGIONS]).toEqual(sdkRegions);
});
