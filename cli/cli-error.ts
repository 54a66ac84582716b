/**
 * How `baseline` ends: one exit code per kind of outcome, so a pipeline can branch on
 * it, and one error type that carries a one-line message and its code. docs/cli.md
 * lists the same table.
 */

export const ExitCode = {
  /** Done; nothing left to act on. */
  Ok: 0,
  /** The command ran and found something to act on: drift, a failed preflight check, an account vend refused. */
  Findings: 1,
  /** Bad arguments or an unknown command. */
  Usage: 2,
  /** The config file is invalid, or the edit would make it invalid; nothing was written. */
  InvalidConfig: 3,
  /** AWS denied a call: wrong credentials or missing permissions. */
  AccessDenied: 4,
  /** An AWS call still throttled after every retry. */
  Throttled: 5,
  /** The credentials are not in an organization, or not in the config's organization. */
  WrongOrganization: 6,
  /** Any other AWS or credentials error. */
  AwsError: 7,
  /** `vend --deploy`: the deploy command failed. */
  DeployFailed: 8,
  /** A bug: the message, and the stack trace with BASELINE_DEBUG=1. */
  Internal: 9,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: printed as its one-line message, the process exits with its code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
