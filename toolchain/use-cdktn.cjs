/**
 * Selects the cdktn flavour for this process and every node process it starts:
 *
 *   NODE_OPTIONS="--require=$PWD/toolchain/use-cdktn.cjs --max-old-space-size=4096"
 *
 * NODE_OPTIONS is inherited, so the synth workers of app.ts, `cdktn synth|deploy` running
 * the app, and the tests' spawned synths all load cdktn. The --max-old-space-size is what
 * the cdktf and cdktn CLIs set when NODE_OPTIONS is empty (and they warn without it).
 * BASELINE_FLAVOUR records the choice, so a descendant that lost the hook fails its
 * check (toolchain/flavour.ts) instead of synthesizing with cdktf.
 */
'use strict';

const Module = require('node:module');
const { cdktnRequestFor } = require('./aliases.cjs');

const INSTALLED = Symbol.for('bedrock-governance-baseline.cdktn-hook');
if (!Module[INSTALLED]) {
  Module[INSTALLED] = true;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveCdktn(request, ...rest) {
    return resolveFilename.call(this, (typeof request === 'string' && cdktnRequestFor(request)) || request, ...rest);
  };
}
process.env.BASELINE_FLAVOUR = 'cdktn';
