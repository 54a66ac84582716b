/** Runs a CLI command function in-process and captures what it writes. */
import { Writable } from 'node:stream';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export type CommandFunction<D> = (argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, deps?: D) => Promise<number>;

export async function runCommand<D>(command: CommandFunction<D>, argv: string[], deps?: D): Promise<CommandResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await command(argv, { stdout, stderr }, deps);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
