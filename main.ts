/**
 * Entry point of `npm run synth` and of `cdktf synth|deploy`: loads the config, builds
 * the selected stacks and synthesizes them. Problems print one per line, exit non-zero.
 */
// First: the compile cache covers only the modules loaded after it.
import './toolchain/compile-cache';
import { serveAsSynthWorker, skipTokenCreationStacks, stackSelectionFromEnv, StackSelectionError, synthesize, synthesizeAtomically } from './app';
import { SYNTH_CONFIG_CHECKS } from './checks/synth-config-checks';
import { ConfigError, configPathFromEnv, loadConfig } from './config/load';
import { checkBinaryVersionsOncePerProcess, skippedVersionCheckNotes } from './constructs/binary-version-checks';
import { MandatoryTagError } from './constructs/mandatory-tags-check';
import { earlySynthWorkerCount, isSynthWorker, startSynthWorkers, SynthWorkerError, type SynthWorkers } from './synth-workers';
import { checkedFlavour } from './toolchain/flavour';

// cdktf records a complete stack trace in every token it creates, only to explain a
// failed resolution. This process prints error messages, never stacks, so unless
// BASELINE_DEBUG asks for stacks it formats none, and then every recorded trace is
// empty: it records none either (capturing them was a fifth of a large synth).
if (!process.env.BASELINE_DEBUG) {
  Error.prepareStackTrace = () => '';
  skipTokenCreationStacks();
}

async function main(): Promise<number> {
  let startedWorkers: SynthWorkers | undefined;
  try {
    checkedFlavour();
    checkBinaryVersionsOncePerProcess();
    if (isSynthWorker()) {
      await serveAsSynthWorker();
    } else {
      const configFile = configPathFromEnv();
      const stacks = stackSelectionFromEnv();
      // Large organizations are split over worker processes that run this same entry point;
      // for a full synth they start now and load while the config is validated.
      const worker = { program: process.execPath, args: [__filename] };
      const early = stacks ? 0 : earlySynthWorkerCount(configFile);
      if (early > 0) startedWorkers = startSynthWorkers(early, worker);
      const config = loadConfig(configFile, SYNTH_CONFIG_CHECKS);
      const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
      await synthesizeAtomically(outdir, (stagingDir) => synthesize(config, { outdir: stagingDir, stacks, worker, startedWorkers }));
    }
    for (const note of skippedVersionCheckNotes()) process.stderr.write(`${note}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SynthWorkerError) {
      // The worker already worded the problem like this process would have.
      process.stderr.write(error.stderr);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n${error.problems.length} problem(s) in ${error.file}; nothing was synthesized.\n`);
      return 1;
    }
    if (error instanceof MandatoryTagError) {
      process.stderr.write(
        `${error.problems.join('\n')}\n${error.problems.length} resource tag problem(s) (config mandatoryTags); nothing was synthesized.\n`,
      );
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
  } finally {
    startedWorkers?.dismiss();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
