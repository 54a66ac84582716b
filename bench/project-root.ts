/** The folder with package.json above this module: the project, whether this runs from dist/bench or (under jest) from bench/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function projectRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${__dirname}`);
}

export const PROJECT_ROOT = projectRoot();
