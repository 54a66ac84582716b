/**
 * Synthesis spread over worker processes: cdktf resolves tokens on one thread, so for a
 * large organization this is the one way to use every core. Workers can be started before
 * their work is known, so that they load while the parent reads and validates the config;
 * the parent then sends each the output folder and what it validated (workers never read
 * the config file themselves), and hands out stacks in batches over the IPC channel as
 * workers ask for them, so a worker slowed by its neighbours (a noisy host, a garbage
 * collection) simply takes fewer. Every worker writes its stack folders straight into the
 * output folder and reports the manifest entries, and the parent writes the one manifest.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
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
/** A config file this large lists a few hundred accounts or more (the example's account entries take a few hundred bytes each). */
const EARLY_START_CONFIG_BYTES = 128 * 1024;

/** The number of workers SYNTH_WORKERS_ENV asks for, or undefined where it names none (unset, or not a whole number of at least 1). */
function configuredWorkerCount(env: NodeJS.ProcessEnv): number | undefined {
  const configured = Number(env[SYNTH_WORKERS_ENV]);
  return Number.isInteger(configured) && configured >= 1 ? configured : undefined;
}

/** How many processes synthesize `stackCount` stacks: one per core, each with enough stacks to pay for its start-up. */
export function synthWorkerCount(stackCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = configuredWorkerCount(env);
  if (configured !== undefined) return Math.min(configured, Math.max(1, stackCount));
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

/** What a worker says: it is ready for its work (with its library's manifest version), or it wrote a batch. */
type WorkerMessage =
  { readonly kind: 'ready'; readonly manifestVersion: string } | { readonly kind: 'written'; readonly stacks: Record<string, StackManifest> };
/** What the parent says: here is the output folder and what to synthesize from, write these stacks, or stop. */
type ParentMessage =
  | { readonly kind: 'start'; readonly outdir: string; readonly setup: unknown }
  | { readonly kind: 'synth'; readonly stacks: readonly string[] }
  | { readonly kind: 'end' };

/**
 * How many workers to start before `configFile` is read, so that they load while the
 * parent validates it: the configured number, or one per core for a file of at least
 * EARLY_START_CONFIG_BYTES; none where the synth will likely run in one process (and for a
 * file that cannot be read, whose error the config loader words).
 */
export function earlySynthWorkerCount(configFile: string, env: NodeJS.ProcessEnv = process.env): number {
  const configured = configuredWorkerCount(env);
  if (configured !== undefined) return configured > 1 ? configured : 0;
  let bytes: number;
  try {
    bytes = statSync(configFile).size;
  } catch {
    return 0;
  }
  const count = bytes >= EARLY_START_CONFIG_BYTES ? availableParallelism() : 1;
  return count > 1 ? count : 0;
}

/** Worker processes started ahead of their work; each ends when it is given none. */
export interface SynthWorkers {
  /**
   * Synthesizes `stacks` (catalog names) into `outdir` with the first `count` workers, each
   * given `setup` (what it synthesizes from), and writes the manifest: the output is the
   * one a single-process synth writes. The other workers are ended. Passes on each line
   * the workers wrote to stderr once (their notes); the first worker to fail, while it
   * loaded or while it wrote, fails the synth with its stderr, and the others are stopped.
   */
  synthesize(stacks: readonly string[], outdir: string, setup: unknown, count: number): Promise<void>;
  /** Stops every worker that was not told its work is done: all of them when the synth stopped before it started. Changes nothing after synthesize settled. */
  dismiss(): void;
}

/** Starts `count` workers running `command`; they load while the caller prepares their work, and then wait for it. */
export function startSynthWorkers(count: number, command: SynthWorkerCommand, env: NodeJS.ProcessEnv = process.env): SynthWorkers {
  const workerEnv = { ...env, [SYNTH_WORKERS_ENV]: '1', [SYNTH_WORKER_ROLE_ENV]: '1' };
  const workers = Array.from({ length: count }, () => {
    const child = spawn(command.program, [...command.args], { env: workerEnv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let settle!: { resolve: (stderr: string) => void; reject: (error: unknown) => void };
    // Settles when the worker ends: with its stderr, or with why it failed.
    const outcome = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    // Read only once the work is known (synthesize); a failure before then must not go unhandled.
    outcome.catch(() => undefined);
    const worker = { child, outcome, settle, stderr: '', ready: undefined as string | undefined, ended: false, dismissed: false };
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr += chunk));
    return worker;
  });
  type Worker = (typeof workers)[number];
  let job: { stacks: readonly string[]; outdir: string; setup: unknown; used: number } | undefined;
  let next = 0;
  let manifest: Manifest | undefined;
  let failure: SynthWorkerError | undefined;

  const send = (worker: Worker, message: ParentMessage) => worker.child.send(message);
  const dispatch = (worker: Worker) => {
    if (failure || next >= job!.stacks.length) {
      worker.ended = true;
      send(worker, { kind: 'end' });
      return;
    }
    const size = nextBatchSize(job!.stacks.length - next, job!.used);
    send(worker, { kind: 'synth', stacks: job!.stacks.slice(next, (next += size)) });
  };
  const begin = (worker: Worker) => {
    manifest ??= new Manifest(worker.ready!, job!.outdir, false);
    send(worker, { kind: 'start', outdir: job!.outdir, setup: job!.setup });
    dispatch(worker);
  };
  const dismiss = (worker: Worker) => {
    if (worker.dismissed || worker.ended) return;
    worker.dismissed = true;
    worker.child.kill();
  };

  for (const worker of workers) {
    worker.child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') {
        worker.ready = message.manifestVersion;
        if (job && !worker.dismissed) begin(worker);
        return;
      }
      Object.assign(manifest!.stacks, message.stacks);
      dispatch(worker);
    });
    worker.child.on('error', (error) => worker.settle.reject(error));
    worker.child.on('close', (code, signal) => {
      if (worker.dismissed || (code === 0 && worker.ended)) return worker.settle.resolve(worker.stderr);
      const error = new SynthWorkerError(code || 1, `${worker.stderr}${unexplainedEnd(code, signal, worker.stderr)}`);
      if (!failure) {
        failure = error;
        for (const other of workers) if (other !== worker) other.child.kill();
      }
      worker.settle.reject(error);
    });
  }

  return {
    synthesize(stacks, outdir, setup, count) {
      mkdirSync(join(outdir, Manifest.stacksFolder), { recursive: true });
      job = { stacks, outdir, setup, used: Math.min(count, workers.length) };
      const working = workers.slice(0, job.used);
      for (const worker of workers.slice(job.used)) dismiss(worker);
      for (const worker of working) if (worker.ready !== undefined) begin(worker);
      return Promise.allSettled(working.map((worker) => worker.outcome)).then((results) => {
        if (failure) throw failure;
        const rejected = results.find((result) => result.status === 'rejected');
        if (rejected) throw rejected.reason;
        const said = new Set(
          results.flatMap((result) => (result.status === 'fulfilled' ? result.value.split('\n').filter((line) => line.length > 0) : [])),
        );
        for (const line of said) process.stderr.write(`${line}\n`);
        manifest!.writeToFile();
      });
    },
    dismiss() {
      for (const worker of workers) dismiss(worker);
    },
  };
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

/** Writes a batch of stacks and returns their manifest entries. */
export type SynthBatchWriter = (stacks: readonly string[]) => Record<string, StackManifest>;

/**
 * The worker's side: says it is ready, builds its writer with `prepare` from the output
 * folder and setup the parent sends, writes each batch the parent sends, and resolves
 * when the parent says the work is done (or ends it unused). On a failure the channel is
 * closed, so the process can exit with its error.
 */
export function serveSynthBatches(manifestVersion: string, prepare: (outdir: string, setup: unknown) => SynthBatchWriter): Promise<void> {
  return new Promise((resolveServing, reject) => {
    let write: SynthBatchWriter | undefined;
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
        if (message.kind === 'start') write = prepare(message.outdir, message.setup);
        else say({ kind: 'written', stacks: write!(message.stacks) });
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
