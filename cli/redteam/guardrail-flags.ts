/** The guardrail and region flags that `baseline redteam` and `baseline demo` share, and their validation. */
import type { ParseArgsConfig } from 'node:util';
import { KNOWN_REGIONS } from '../../config/regions';
import { usageError } from '../command';

export const GUARDRAIL_OPTIONS = {
  'guardrail-id': { type: 'string' },
  'guardrail-version': { type: 'string' },
  region: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const GUARDRAIL_OPTIONS_HELP = [
  '  --guardrail-id <id|arn>      the guardrail (id, or ARN in the region of --region)',
  '  --guardrail-version <n>      its published version number',
  '  --region <region>            Bedrock region (default: $AWS_REGION, then $AWS_DEFAULT_REGION)',
];

export interface GuardrailRef {
  /** Guardrail id or ARN, as given. */
  readonly identifier: string;
  /** A numeric version, or DRAFT where allowed. */
  readonly version: string;
  /** Bedrock region of the calls. */
  readonly region: string;
}

const GUARDRAIL_ID = /^[a-z0-9]{1,64}$/;
// Any partition: the flag takes what the caller has, and the region check below needs it.
const GUARDRAIL_ARN = /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]+):\d{12}:guardrail\/[a-z0-9]{1,64}$/;

/** Validates the guardrail flags of `command`; DRAFT only where `allowDraft` (never for something applications would pin). */
export function guardrailRef(
  command: string,
  values: { readonly 'guardrail-id'?: string; readonly 'guardrail-version'?: string; readonly region?: string },
  options: { readonly allowDraft: boolean; readonly env: NodeJS.ProcessEnv },
): GuardrailRef {
  const identifier = values['guardrail-id'];
  const version = values['guardrail-version'];
  const region = values.region ?? options.env.AWS_REGION ?? options.env.AWS_DEFAULT_REGION;
  const problems: string[] = [];
  if (!identifier) problems.push('--guardrail-id is required');
  else if (!GUARDRAIL_ID.test(identifier) && !GUARDRAIL_ARN.test(identifier))
    problems.push(`--guardrail-id: "${identifier}" is neither a guardrail id nor a guardrail ARN`);
  if (!version) problems.push('--guardrail-version is required');
  else if (!/^[1-9]\d{0,7}$/.test(version) && !(options.allowDraft && version === 'DRAFT')) {
    problems.push(
      `--guardrail-version: "${version}" is not a published version number${options.allowDraft ? ' or DRAFT' : ' (DRAFT is not pinned: publish a version)'}`,
    );
  }
  if (!region) problems.push('--region is required (or set AWS_REGION)');
  else if (!KNOWN_REGIONS.includes(region)) problems.push(`--region: "${region}" is not a known AWS region`);
  const arnRegion = identifier ? GUARDRAIL_ARN.exec(identifier)?.[1] : undefined;
  if (arnRegion && region && arnRegion !== region) problems.push(`--guardrail-id is an ARN in ${arnRegion} but --region is ${region}`);
  if (problems.length > 0) throw usageError(command, problems.join('\n'));
  return { identifier: identifier!, version: version!, region: region! };
}
