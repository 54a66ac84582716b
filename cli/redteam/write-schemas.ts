/** `npx tsc -p . && node dist/cli/redteam/write-schemas.js`: rewrites the red-team JSON Schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_SCHEMA_FILE, corpusJsonSchema, REPORT_SCHEMA_FILE, reportJsonSchema } from './json-schemas';

const root = join(__dirname, '..', '..', '..');
for (const [file, text] of [
  [CORPUS_SCHEMA_FILE, corpusJsonSchema()],
  [REPORT_SCHEMA_FILE, reportJsonSchema()],
] as const) {
  writeFileSync(join(root, file), text);
  process.stdout.write(`wrote ${file}\n`);
}
