/**
 * The editor JSON Schema of the config, generated from the zod schema so that the two
 * cannot drift (a test compares it with the checked-in config/baseline.schema.json).
 */
import { z } from 'zod';
import { BaselineConfigSchema } from './schema';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(BaselineConfigSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Bedrock governance baseline config' }, null, 2)}\n`;
}
