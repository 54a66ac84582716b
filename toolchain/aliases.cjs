/**
 * The module names the cdktn flavour redirects. The source imports `cdktf` and
 * `@cdktf/provider-aws`; CDK Terrain publishes the same API under `cdktn` and
 * `@cdktn/provider-aws`. Plain CommonJS, because node preloads it (use-cdktn.cjs) before
 * anything is compiled, and jest.cdktn.config.js and the tests read it too.
 */
'use strict';

/** Package the source imports -> package the cdktn flavour loads in its place. */
const CDKTN_ALIASES = Object.freeze({
  cdktf: 'cdktn',
  '@cdktf/provider-aws': '@cdktn/provider-aws',
});

/** The request with its package name replaced (`cdktf/lib/x` -> `cdktn/lib/x`), or undefined when it names no aliased package. */
function cdktnRequestFor(request) {
  for (const [from, to] of Object.entries(CDKTN_ALIASES)) {
    if (request === from) return to;
    if (request.startsWith(`${from}/`)) return to + request.slice(from.length);
  }
  return undefined;
}

/** The same mapping as jest's moduleNameMapper. */
function cdktnModuleNameMapper() {
  const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Object.fromEntries(Object.entries(CDKTN_ALIASES).flatMap(([from, to]) => [[`^${escape(from)}$`, to], [`^${escape(from)}/(.*)$`, `${to}/$1`]]));
}

module.exports = { CDKTN_ALIASES, cdktnRequestFor, cdktnModuleNameMapper };
