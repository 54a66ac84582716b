/**
 * Preloaded into each benchmarked synth and its worker processes (through NODE_OPTIONS):
 * appends the process's peak RSS to $BENCH_USAGE_FILE when it exits. Workers run at the
 * same time, so the peak of the whole synth is at most the sum of the lines.
 */
import { appendFileSync } from 'node:fs';

const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => appendFileSync(target, `${JSON.stringify({ pid: process.pid, maxRssKb: process.resourceUsage().maxRSS })}\n`));
}
