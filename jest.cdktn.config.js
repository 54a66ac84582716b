/**
 * The whole suite on the cdktn flavour (`npm run test:cdktn`): the source's `cdktf` and
 * `@cdktf/provider-aws` imports resolve to CDK Terrain in the tests, and through
 * NODE_OPTIONS in every node process they start (the synths they spawn and those synths'
 * workers), whichever way jest was started with this config.
 */
const { join } = require('node:path');
const base = require('./jest.config');
const { cdktnModuleNameMapper } = require('./toolchain/aliases.cjs');

const hook = `--require=${join(__dirname, 'toolchain', 'use-cdktn.cjs')}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(hook)) process.env.NODE_OPTIONS = `${hook} ${process.env.NODE_OPTIONS ?? ''}`.trim();
process.env.BASELINE_FLAVOUR = 'cdktn';

module.exports = { ...base, moduleNameMapper: { ...base.moduleNameMapper, ...cdktnModuleNameMapper() } };
