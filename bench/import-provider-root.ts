/**
 * Preloaded into the "provider imported from the package root" benchmark runs: loads the
 * provider's barrel module, which is what the app would pay if it imported from
 * `@cdktf/provider-aws` instead of deep paths. The app itself never does this.
 */
const PROVIDER_PACKAGE_ROOT = '@cdktf/provider-aws';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the barrel at run time is the point
require(PROVIDER_PACKAGE_ROOT);
