import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireFreeSpace } from '../../bench/synth';

describe('requireFreeSpace (the bench keeps every synth until it ends)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'free-space-'));

  it('passes when the disk holds what the bench will write', () => {
    expect(() => requireFreeSpace(dir, 1)).not.toThrow();
  });

  it('refuses up front, naming the folder and what is free, when it does not', () => {
    expect(() => requireFreeSpace(dir, Number.MAX_SAFE_INTEGER)).toThrow(
      new RegExp(`needs about [0-9.]+ GB in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, where [0-9.]+ GB are free`),
    );
  });
});
