/**
 * A one-line progress indicator on stderr for organizations of thousands of accounts.
 * Drawn only when stderr is a terminal, so logs and pipes stay clean, and redrawn at
 * most every REDRAW_MS so drawing never costs more than the work it shows.
 */
import type { OutputStream } from './command';

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export interface Progress {
  /** `label` with a bar when the total is known; `done` also throttles redraws of a final state. */
  update(label: string, done: number, total?: number): void;
  /** Clears the line. */
  finish(): void;
}

/** A bar with counts when the total is known; the label alone (which carries its own counts) otherwise. */
export function progressLine(done: number, total: number | undefined, label: string): string {
  if (total === undefined || total <= 0) return label;
  const filled = Math.round((Math.min(done, total) / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${label}`;
}

export function progressOn(stream: OutputStream, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(label, done, total) {
      const time = now();
      const complete = total !== undefined && done >= total;
      if (!complete && time - lastDraw < REDRAW_MS) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r\x1b[2K${progressLine(done, total, label)}`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
