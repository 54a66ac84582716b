/** The duplicate check every list of the config shares. */
import type { ConfigIssue, ConfigPath } from './validate';

/** Reports the second and later occurrence of each key, at the path of the duplicate. */
export function duplicateIssues<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (index: number) => ConfigPath, what: string): ConfigIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else issues.push({ path: pathOf(index), message: `"${key}" duplicates the ${what} at index ${first}` });
  });
  return issues;
}
