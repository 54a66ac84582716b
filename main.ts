/**
 * Entry point of `npm run synth` and of `cdktf synth|deploy`: loads the config, builds
 * the selected stacks and synthesizes them. Problems print one per line, exit non-zero.
 */
import { buildApp, stackSelectionFromEnv, StackSelectionError, synthesizeAtomically } from './app';
import { SYNTH_CONFIG_CHECKS } from './config/checks';
import { ConfigError, configPathFromEnv, loadConfig } from './config/load';
import { MandatoryTagError } from './constructs/mandatory-tags';

function main(): number {
  try {
    const config = loadConfig(configPathFromEnv(), SYNTH_CONFIG_CHECKS);
    const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
    synthesizeAtomically(outdir, (stagingDir) => buildApp(config, { outdir: stagingDir, stacks: stackSelectionFromEnv() }).synth());
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n${error.problems.length} problem(s) in ${error.file}; nothing was synthesized.\n`);
      return 1;
    }
    if (error instanceof MandatoryTagError) {
      process.stderr.write(`${error.problems.join('\n')}\n${error.problems.length} resource tag problem(s) (config mandatoryTags); nothing was synthesized.\n`);
      return 1;
    }
    if (error instanceof StackSelectionError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // Anything else is a bug or an environment problem: one line, the stack only on request.
    process.stderr.write(`synth failed: ${(error as Error).message ?? String(error)}\n`);
    if (process.env.BASELINE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}

process.exitCode = main();
