/**
 * Which CDK library this process runs on. The source imports `cdktf`; in the cdktn flavour
 * that name resolves to CDK Terrain (toolchain/use-cdktn.cjs for node, jest.cdktn.config.js
 * for the tests), so the answer comes from resolving it, not from a setting that could
 * disagree with what was loaded.
 */
import { readFileSync } from 'node:fs';

export type FlavourName = 'cdktf' | 'cdktn';

export interface Flavour {
  readonly name: FlavourName;
  /** The npm package of the library. */
  readonly library: string;
  /** The command its CLI package installs (`npx <cli> deploy <stack>`). */
  readonly cli: string;
  /** Environment a command needs so that the app it runs loads this library; empty for the default. */
  readonly commandEnv: Readonly<Record<string, string>>;
}

/** Environment variable set by the cdktn hook: the flavour every descendant process must run. */
export const FLAVOUR_ENV = 'BASELINE_FLAVOUR';

export const FLAVOURS: Readonly<Record<FlavourName, Flavour>> = {
  cdktf: { name: 'cdktf', library: 'cdktf', cli: 'cdktf', commandEnv: {} },
  cdktn: {
    name: 'cdktn',
    library: 'cdktn',
    cli: 'cdktn',
    // Relative to the project root, where `npx cdktn` has to run anyway (it reads cdktf.json).
    // The heap size is what the CLIs set when NODE_OPTIONS is empty; they warn without it.
    commandEnv: { NODE_OPTIONS: '--require=./toolchain/use-cdktn.cjs --max-old-space-size=4096' },
  },
};

/** The package the name `cdktf` resolves to in this process: its name, release and manifest file. */
export function loadedLibrary(): { readonly name: string; readonly version: string; readonly manifest: string } {
  const manifest = require.resolve('cdktf/package.json');
  const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string };
  return { name, version, manifest };
}

/** The flavour whose library the name `cdktf` resolves to in this process. */
export function loadedFlavour(): Flavour {
  const { name, manifest } = loadedLibrary();
  const flavour = Object.values(FLAVOURS).find((candidate) => candidate.library === name);
  if (!flavour) throw new Error(`cdktf resolves to the package ${name} (${manifest}), which is no known CDK library`);
  return flavour;
}

/**
 * The loaded flavour, after checking it against $BASELINE_FLAVOUR: a process that was meant
 * to run on cdktn but lost the hook (an environment that dropped NODE_OPTIONS) fails here
 * instead of synthesizing with cdktf.
 */
export function checkedFlavour(env: NodeJS.ProcessEnv = process.env): Flavour {
  const loaded = loadedFlavour();
  const expected = env[FLAVOUR_ENV];
  if (expected === undefined || expected === '' || expected === loaded.name) return loaded;
  if (!(expected in FLAVOURS)) throw new Error(`${FLAVOUR_ENV}=${expected}: expected ${Object.keys(FLAVOURS).join(' or ')}`);
  const wanted = FLAVOURS[expected as FlavourName];
  const how = Object.entries(wanted.commandEnv).map(([key, value]) => `${key}='${value}'`);
  throw new Error(
    `${FLAVOUR_ENV}=${expected}, but this process loaded ${loaded.library}${how.length > 0 ? `; run it with ${how.join(' ')} from the project root` : `; unset ${FLAVOUR_ENV} and NODE_OPTIONS`}`,
  );
}
