/** `npm run schema`: rewrites config/baseline.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from './json-schema';

const target = join(__dirname, '..', '..', 'config', 'baseline.schema.json');
writeFileSync(target, configJsonSchema());
process.stdout.write(`wrote ${target}\n`);
