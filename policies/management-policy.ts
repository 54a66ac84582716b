/**
 * Organizations management policies (tag policies, Bedrock policies, ...) are JSON
 * documents whose leaves carry an inheritance operator; the baseline only ever assigns.
 */

/** A value with the `@@assign` inheritance operator. */
export type Assign<T> = { readonly '@@assign': T };

export const assign = <T>(value: T): Assign<T> => ({ '@@assign': value });
