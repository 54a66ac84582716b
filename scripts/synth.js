#!/usr/bin/env node
// @ts-check
/**
 * What `cdktf synth|deploy` (cdktf.json's app) and `npm run synth` run: builds dist/ when
 * it is stale (scripts/build.js says when), then runs dist/main.js in this process, so a
 * per-account synth pays neither a compiler start nor a second Node.js start.
 */
'use strict';
const path = require('node:path');
const { ensureFreshBuild } = require('./build');

const status = ensureFreshBuild();
if (status === 0) require(path.join(__dirname, '..', 'dist', 'main.js'));
else process.exitCode = status;
