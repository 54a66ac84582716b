/** The example config as loaded, and variants of its macie section for stack tests. */
import { loadConfig } from '../../config/load';
import type { BaselineConfig, MacieConfig } from '../../config/schema';
import { EXAMPLE_CONFIG_PATH } from './config-fixtures';

export const exampleConfig: BaselineConfig = loadConfig(EXAMPLE_CONFIG_PATH);

/** The example config with `change` applied to its macie section. */
export function withMacie(change: (macie: MacieConfig) => Partial<MacieConfig>): BaselineConfig {
  return { ...exampleConfig, macie: { ...exampleConfig.macie, ...change(exampleConfig.macie) } };
}
