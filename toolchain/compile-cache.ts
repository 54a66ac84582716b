/**
 * Keeps the V8 code of the modules a synth loads on disk, so the next process starts
 * without compiling cdktf, the provider classes and the app again (README, Performance).
 * main.ts imports this module first, so it covers everything a synth and its workers load.
 * Node >= 22.1 has `module.enableCompileCache`; on older Node this does nothing. V8 checks
 * every entry against the source it was compiled from, so an edited module is compiled
 * again. The cache lives beside the config cache, under the project's node_modules/.cache,
 * which only whoever can write node_modules can write; NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off.
 */
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { projectCacheDir } from '../config/cache';

const { enableCompileCache } = nodeModule as { enableCompileCache?: (directory: string) => unknown };
const projectCache = enableCompileCache && projectCacheDir();

/** Where the compiled code is kept, or undefined where this runtime or project keeps none. */
export const COMPILE_CACHE_DIR = projectCache ? join(projectCache, 'bedrock-governance-baseline-v8') : undefined;

if (COMPILE_CACHE_DIR) enableCompileCache!(COMPILE_CACHE_DIR);
