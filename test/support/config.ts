/** The example config, and variants of it for tests that change one part. */
import { loadConfig } from '../../config/load';
import type { BaselineConfig, MacieConfig } from '../../config/schema';

export const exampleConfig: BaselineConfig = loadConfig('config/baseline.yaml');

/** The example config with `change` applied to its macie section. */
export function withMacie(change: (macie: MacieConfig) => Partial<MacieConfig>): BaselineConfig {
  return { ...exampleConfig, macie: { ...exampleConfig.macie, ...change(exampleConfig.macie) } };
}
