/**
 * Synthesis spread over worker processes: cdktf resolves tokens on one thread, so for a
 * large organization this is the one way to use every core. The parent hands out stacks
 * in batches over an IPC channel as workers ask for them, so a worker slowed by its
 * neighbours (a noisy host, a garbage collection) simply takes fewer; every worker writes
 * its stack folders straight into the parent's output folder and reports the manifest
 * entries, and the parent writes the one manifest.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Manifest, type StackManifest } from 'cdktf/lib/manifest';

/** Environment variable: worker processes for a synth (1 = everything in this process). */
export const SYNTH_WORKERS_ENV = 'BASELINE_SYNTH_WORKERS';
/** Environment variable the parent sets for its workers: serve batches over the IPC channel. */
const SYNTH_WORKER_ROLE_ENV = 'BASELINE_SYNTH_WORKER';
/** Below this many stacks per worker, starting another process costs more than it saves. */
const MIN_STACKS_PER_WORKER = 100;
/** The largest batch: enough to make the messages negligible, small enough to balance the tail. */
const MAX_BATCH = 64;
/** Batches per worker the remaining stacks are cut into, so batches shrink as the work runs out. */
const BATCHES_PER_WORKER = 4;

/** How many processes synthesize `stackCount` stacks: one per core, each with enough stacks to pay for its start-up. */
export function synthWorkerCount(stackCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env[SYNTH_WORKERS_ENV]);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, Math.max(1, stackCount));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(stackCount / MIN_STACKS_PER_WORKER)));
}

/** How many stacks the next batch holds: a share of what remains, so the last batches are small and the workers finish together. */
export function nextBatchSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(remaining / (workers * BATCHES_PER_WORKER))));
}

/** A synth worker that failed; its stderr says why, in the synth's own words or, where the worker could not say, in a line of the parent's (unexplainedEnd). */
export class SynthWorkerError extends Error {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(stderr.trim());
    this.name = 'SynthWorkerError';
  }
}

export interface SynthWorkerCommand {
  /** The program that serves synth batches when SYNTH_WORKER_ROLE_ENV is set (node). */
  readonly program: string;
  /** Its arguments (the synth entry point). */
  readonly args: readonly string[];
}

/** What a worker says: it is ready for a batch (with its library's manifest version), or it wrote one. */
type WorkerMessage =
  { readonly kind: 'ready'; readonly manifestVersion: string } | { readonly kind: 'written'; readonly stacks: Record<string, StackManifest> };
/** What the parent says: write these stacks, or stop. */
type ParentMessage = { readonly kind: 'synth'; readonly stacks: readonly string[] } | { readonly kind: 'end' };

/**
 * Synthesizes `stacks` (catalog names) into `outdir` with `workers` processes running
 * `command`, and writes the manifest: the output is the one a single-process synth
 * writes. Passes on each line the workers wrote to stderr once (their notes); the first
 * failed worker's stderr is the error, and the others are stopped.
 */
export function synthesizeInWorkers(
  stacks: readonly string[],
  outdir: string,
  workers: number,
  command: SynthWorkerCommand,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  mkdirSync(join(outdir, Manifest.stacksFolder), { recursive: true });
  const workerEnv = { ...env, CDKTF_OUTDIR: outdir, [SYNTH_WORKERS_ENV]: '1', [SYNTH_WORKER_ROLE_ENV]: '1' };
  let next = 0;
  let manifest: Manifest | undefined;
  let failure: SynthWorkerError | undefined;
  const children = Array.from({ length: workers }, () =>
    spawn(command.program, [...command.args], { env: workerEnv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }),
  );

  const run = (child: (typeof children)[number]) =>
    new Promise<string>((resolveWorker, reject) => {
      let stderr = '';
      let ended = false;
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const send = (message: ParentMessage) => child.send(message);
      child.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') manifest ??= new Manifest(message.manifestVersion, outdir, false);
        else Object.assign(manifest!.stacks, message.stacks);
        if (failure || next >= stacks.length) {
          ended = true;
          send({ kind: 'end' });
          return;
        }
        const size = nextBatchSize(stacks.length - next, workers);
        send({ kind: 'synth', stacks: stacks.slice(next, (next += size)) });
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0 && ended) return resolveWorker(stderr);
        const error = new SynthWorkerError(code || 1, `${stderr}${unexplainedEnd(code, signal, stderr)}`);
        if (!failure) {
          failure = error;
          for (const other of children) if (other !== child) other.kill();
        }
        reject(error);
      });
    });

  return Promise.allSettled(children.map(run)).then((results) => {
    if (failure) throw failure;
    const rejected = results.find((result) => result.status === 'rejected');
    if (rejected) throw rejected.reason;
    const said = new Set(
      results.flatMap((result) => (result.status === 'fulfilled' ? result.value.split('\n').filter((line) => line.length > 0) : [])),
    );
    for (const line of said) process.stderr.write(`${line}\n`);
    manifest!.writeToFile();
  });
}

/**
 * What the parent adds to a failed worker's stderr: why it ended, where the worker could
 * not say it itself (killed by a signal, such as the kernel's out-of-memory killer, or
 * ended without error before the parent said `end`, leaving stacks unwritten).
 */
function unexplainedEnd(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (signal) return `a synth worker was stopped by ${signal}\n`;
  if (code === 0) return 'a synth worker stopped before its stacks were written\n';
  return stderr.trim() ? '' : `a synth worker exited with ${code} and said nothing\n`;
}

/** Whether this process is a worker that a parent synth started (it then serves batches instead of synthesizing on its own). */
export function isSynthWorker(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[SYNTH_WORKER_ROLE_ENV] === '1' && typeof process.send === 'function';
}

/**
 * The worker's side: says it is ready, writes each batch the parent sends with `write`
 * (which returns the batch's manifest entries), and resolves when the parent says the
 * work is done. On a failure the channel is closed, so the process can exit with its error.
 */
export function serveSynthBatches(manifestVersion: string, write: (stacks: readonly string[]) => Record<string, StackManifest>): Promise<void> {
  return new Promise((resolveServing, reject) => {
    const say = (message: WorkerMessage) => process.send!(message);
    const stop = () => {
      process.off('message', onMessage);
      process.off('disconnect', resolveServing);
      if (process.connected) process.disconnect();
    };
    const onMessage = (message: ParentMessage) => {
      if (message.kind === 'end') {
        stop();
        resolveServing();
        return;
      }
      try {
        say({ kind: 'written', stacks: write(message.stacks) });
      } catch (error) {
        stop();
        reject(error);
      }
    };
    process.on('message', onMessage);
    // A parent that went away ends the work.
    process.once('disconnect', resolveServing);
    say({ kind: 'ready', manifestVersion });
  });
}
