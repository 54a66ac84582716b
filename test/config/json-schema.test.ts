import { readFileSync } from 'node:fs';
import { configJsonSchema } from '../../config/json-schema';

test('config/baseline.schema.json is generated from the current schema (run `npm run schema`)', () => {
  expect(readFileSync('config/baseline.schema.json', 'utf8')).toBe(configJsonSchema());
});

test('the example config points editors at the schema', () => {
  expect(readFileSync('config/baseline.yaml', 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/baseline\.schema\.json/);
});
