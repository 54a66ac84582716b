/** The flavour the running suite must load: cdktf for `npm test`, cdktn for `npm run test:cdktn` (jest.cdktn.config.js sets BASELINE_FLAVOUR). */
import { FLAVOUR_ENV, FLAVOURS, type Flavour, type FlavourName } from '../../toolchain/flavour';

export const EXPECTED_FLAVOUR: Flavour = FLAVOURS[(process.env[FLAVOUR_ENV] || 'cdktf') as FlavourName];

/** What `baseline vend` puts before `npx <cli> deploy` in this flavour, written out by hand. */
export const EXPECTED_DEPLOY_PREFIX =
  EXPECTED_FLAVOUR.name === 'cdktn' ? "NODE_OPTIONS='--require=./toolchain/use-cdktn.cjs --max-old-space-size=4096' " : '';
