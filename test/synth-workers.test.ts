/**
 * The parent's side of a synth in worker processes, against scripted workers that speak
 * the same protocol through the compiled serveSynthBatches. test/main.test.ts runs the
 * real workers (dist/main.js) and compares their output with a single-process synth.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  earlySynthWorkerCount,
  nextBatchSize,
  startSynthWorkers,
  SynthWorkerError,
  synthWorkerCount,
  type SynthWorkerCommand,
} from '../synth-workers';

const COMPILED = resolve(__dirname, '..', 'dist', 'synth-workers.js');

/**
 * A worker that serves batches like the real one and writes `{"by": <pid>, "setup": <the
 * parent's setup>}` per stack. The first worker to claim `slow.lock` in the output folder
 * takes `slowMs` per stack, the others 1 ms.
 */
const scriptedWorker = (slowMs: number): SynthWorkerCommand => ({
  program: process.execPath,
  args: [
    '-e',
    `
    const fs = require('node:fs'), path = require('node:path');
    const { serveSynthBatches } = require(${JSON.stringify(COMPILED)});
    const pause = new Int32Array(new SharedArrayBuffer(4));
    serveSynthBatches('0.0.0-test', (outdir, setup) => {
      let slow = false;
      try { fs.writeFileSync(path.join(outdir, 'slow.lock'), '', { flag: 'wx' }); slow = true; } catch {}
      return (names) => Object.fromEntries(names.map((name) => {
        Atomics.wait(pause, 0, 0, slow ? ${slowMs} : 1);
        fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
        fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ by: process.pid, setup }));
        return [name, { name, constructPath: name }];
      }));
    });
    `,
  ],
});

/** Synthesizes with `count` workers started for the purpose, as the parent does for a selection of stacks. */
const synthesizeInWorkers = (stacks: readonly string[], outdir: string, count: number, command: SynthWorkerCommand, setup: unknown = {}) =>
  startSynthWorkers(count, command, {}).synthesize(stacks, outdir, setup, count);

describe('how many workers', () => {
  it('uses one process per core only when each gets enough stacks', () => {
    expect(synthWorkerCount(7, {})).toBe(1);
    expect(synthWorkerCount(5000, {})).toBe(Math.min(availableParallelism(), 50));
    expect(synthWorkerCount(5000, { BASELINE_SYNTH_WORKERS: '1' })).toBe(1);
    expect(synthWorkerCount(3, { BASELINE_SYNTH_WORKERS: '8' })).toBe(3);
  });

  it('starts workers before the config is read only where the synth will likely need them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-early-workers-'));
    try {
      const small = join(dir, 'small.yaml');
      const large = join(dir, 'large.yaml');
      writeFileSync(small, 'x'.repeat(1024));
      writeFileSync(large, 'x'.repeat(512 * 1024));
      expect(earlySynthWorkerCount(small, {})).toBe(0);
      expect(earlySynthWorkerCount(large, {})).toBe(availableParallelism() > 1 ? availableParallelism() : 0);
      expect(earlySynthWorkerCount(join(dir, 'missing.yaml'), {})).toBe(0);
      expect(earlySynthWorkerCount(small, { BASELINE_SYNTH_WORKERS: '2' })).toBe(2);
      expect(earlySynthWorkerCount(large, { BASELINE_SYNTH_WORKERS: '1' })).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts batches that shrink to single stacks as the work runs out, and never exceed the cap', () => {
    const sizes: number[] = [];
    for (let remaining = 5003; remaining > 0; remaining -= sizes[sizes.length - 1]!) sizes.push(nextBatchSize(remaining, 2));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(5003);
    expect(sizes[0]).toBe(64);
    expect(sizes.slice(-4)).toEqual([1, 1, 1, 1]);
    expect(sizes.every((size, index) => index === 0 || size <= sizes[index - 1]!)).toBe(true);
  });
});

describe('synth in worker processes', () => {
  let outdir: string;
  beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'baseline-workers-'))));
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const writers = (stacks: readonly string[]) =>
    stacks.map((name) => (JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { by: number }).by);

  it('writes every stack once and one manifest; a slow worker takes fewer stacks instead of holding up the end', async () => {
    const stacks = Array.from({ length: 60 }, (_, index) => `baseline-${String(index).padStart(12, '0')}`);
    await synthesizeInWorkers(stacks, outdir, 2, scriptedWorker(100), {});
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(stacks);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { version: string; stacks: Record<string, { name: string }> };
    expect(manifest.version).toBe('0.0.0-test');
    expect(Object.keys(manifest.stacks).sort()).toEqual(stacks);
    const perWorker = new Map<number, number>();
    for (const pid of writers(stacks)) perWorker.set(pid, (perWorker.get(pid) ?? 0) + 1);
    // Split by index, each worker would write 30; the slow one (100 ms a stack) gets far fewer.
    const counts = [...perWorker.values()].sort((a, b) => a - b);
    expect(counts).toHaveLength(2);
    expect(counts[0]).toBeLessThan(15);
  });

  it('gives every worker the setup the parent validated, and uses only as many early-started workers as the synth needs', async () => {
    const stacks = ['a', 'b', 'c', 'd', 'e', 'f'];
    const workers = startSynthWorkers(3, scriptedWorker(1), {});
    await workers.synthesize(stacks, outdir, { accounts: ['111111111111'] }, 1);
    const written = stacks.map(
      (name) => JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { by: number; setup: unknown },
    );
    expect(new Set(written.map(({ by }) => by)).size).toBe(1);
    expect(written.every(({ setup }) => JSON.stringify(setup) === '{"accounts":["111111111111"]}')).toBe(true);
    workers.dismiss();
  });

  it('ends workers started early when the synth stops before it starts', async () => {
    const pidFile = join(outdir, 'pids');
    const announcing = {
      program: process.execPath,
      args: [
        '-e',
        `
        require('node:fs').appendFileSync(${JSON.stringify(pidFile)}, process.pid + '\\n');
        require(${JSON.stringify(COMPILED)}).serveSynthBatches('0.0.0-test', () => () => ({}));
        `,
      ],
    };
    const workers = startSynthWorkers(2, announcing, {});
    const pids = async () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);
    while ((await pids()).length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    workers.dismiss();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while ((await pids()).some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await pids()).filter(alive)).toEqual([]);
  });

  it('reports a failing worker with its own words and exit code, and stops the others', async () => {
    const failing = { program: process.execPath, args: ['-e', "process.stderr.write('config.yaml:3: governance: broken\\n'); process.exit(3)"] };
    const failure = synthesizeInWorkers(['a', 'b'], outdir, 2, failing, {});
    await expect(failure).rejects.toBeInstanceOf(SynthWorkerError);
    await expect(failure).rejects.toMatchObject({ exitCode: 3, stderr: 'config.yaml:3: governance: broken\n' });
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });

  it('ends a worker whose write fails: its channel closes, so it exits with its error, and the synth fails with it', async () => {
    const failingWrite = {
      program: process.execPath,
      args: [
        '-e',
        `
        const { serveSynthBatches } = require(${JSON.stringify(COMPILED)});
        serveSynthBatches('0.0.0-test', () => (names) => { throw new Error('cannot write ' + names.join(',')); })
          .catch((error) => { process.stderr.write(error.message + '\\n'); process.exitCode = 4; });
        `,
      ],
    };
    await expect(synthesizeInWorkers(['only'], outdir, 1, failingWrite, {})).rejects.toMatchObject({ exitCode: 4, stderr: 'cannot write only\n' });
  });

  it('says why a worker ended when the worker could not: a signal, or an exit code without words', async () => {
    const killed = { program: process.execPath, args: ['-e', "process.kill(process.pid, 'SIGKILL')"] };
    await expect(synthesizeInWorkers(['a'], outdir, 1, killed, {})).rejects.toMatchObject({
      exitCode: 1,
      stderr: 'a synth worker was stopped by SIGKILL\n',
    });
    const silent = { program: process.execPath, args: ['-e', 'process.exit(5)'] };
    await expect(synthesizeInWorkers(['a'], outdir, 1, silent, {})).rejects.toMatchObject({
      exitCode: 5,
      stderr: 'a synth worker exited with 5 and said nothing\n',
    });
  });

  it('fails when a worker exits without error before the work is done', async () => {
    const quitting = { program: process.execPath, args: ['-e', 'process.exit(0)'] };
    await expect(synthesizeInWorkers(['a', 'b'], outdir, 2, quitting, {})).rejects.toMatchObject({
      exitCode: 1,
      stderr: 'a synth worker stopped before its stacks were written\n',
    });
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});
