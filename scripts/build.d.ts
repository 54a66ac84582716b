/** Types of scripts/build.js for the tests; the script itself is plain JavaScript because it runs before any build. */
/** The sources `tsc -p tsconfig.json` compiles below `root`, or undefined for a tsconfig shape the check does not reproduce. */
export function compiledSources(root: string): string[] | undefined;
/** Why dist/ is not the build of the current inputs, or undefined when it is. */
export function staleReason(root?: string): string | undefined;
/** Compiles and records the manifest; returns tsc's exit code. */
export function build(root?: string): number;
/** Builds when stale; 0 when dist/ is fresh afterwards, else the build's exit code. */
export function ensureFreshBuild(root?: string): number;
