/** The folder with package.json above this module: the project, whether this runs from dist/bench or (under jest) from bench/. */
import { findProjectRoot } from '../config/cache';

function projectRoot(): string {
  const root = findProjectRoot(__dirname);
  if (root === undefined) throw new Error(`no package.json above ${__dirname}`);
  return root;
}

export const PROJECT_ROOT = projectRoot();
