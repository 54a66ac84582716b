/** Preloaded into each benchmarked synth (`node -r`): writes the process's peak RSS when it exits. */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
}
