/** How cdktf 0.21's synthesizer writes a stack's JSON, for comparing values as written. */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `json-stable-stringify`, from cdktf's own folder (in either flavour's run). */
const stringify = createRequire(join(__dirname, '../../node_modules/cdktf/package.json'))('json-stable-stringify') as (
  value: unknown,
  options: { space: number },
) => string | undefined;

/** `value` as cdktf writes it: keys sorted, two spaces; undefined for what JSON cannot hold. */
export const asCdktfWrites = (value: unknown): string | undefined => stringify(value, { space: 2 });
