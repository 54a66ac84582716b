/**
 * JSON Schemas published for the red-team formats, generated from the zod schemas so
 * they cannot drift (a test compares them with the checked-in files): the corpus format
 * for people writing extension files, the report format for CI tooling reading --json.
 */
import { z } from 'zod';
import { CorpusSchema } from './corpus';
import { RedteamReportSchema } from './report';

export const CORPUS_SCHEMA_FILE = 'redteam/corpus.schema.json';
export const REPORT_SCHEMA_FILE = 'redteam/report.schema.json';

function render(schema: z.ZodType, io: 'input' | 'output', title: string): string {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

/** What a corpus file may contain (defaults optional). */
export function corpusJsonSchema(): string {
  return render(CorpusSchema, 'input', 'baseline redteam probe corpus');
}

/** What `baseline redteam --json` prints. */
export function reportJsonSchema(): string {
  return render(RedteamReportSchema, 'output', 'baseline redteam report');
}
