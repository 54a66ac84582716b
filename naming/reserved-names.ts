/**
 * Name spaces the baseline reserves in every governed and core account. A leaf module (it
 * imports nothing), so the config schema can refuse names outside them.
 */

/**
 * Start of the name of the baseline's central buckets, of the roles, alarms, topics and rules it
 * names itself. The SCPs reserve the prefix: in a governed or core account only the deployment
 * role creates or changes such a resource.
 */
export const BASELINE_NAME_PREFIX = 'bedrock-gov-';

/**
 * IAM path of every break-glass role. Break-glass exemptions name roles on this path only, and
 * only the deployment role may create or change a role here, so an account administrator
 * cannot mint one; a role of the same name elsewhere is exempt from nothing.
 */
export const BREAK_GLASS_ROLE_PATH = `/${BASELINE_NAME_PREFIX}break-glass/`;

/** Start of the tag keys only the baseline sets; config tags may not use it. */
export const RESERVED_TAG_KEY_PREFIX = `${BASELINE_NAME_PREFIX.slice(0, -1)}:`;

/**
 * Tag on the network resources of the baseline (interface endpoints, their security group
 * and its rules). Their ids exist only after apply, so the SCP DenyBedrockGovernanceTampering
 * protects them by this tag: in a governed OU only the deployment role changes, deletes or
 * re-tags what carries it.
 */
export const PROTECTED_NETWORK_TAG = { key: `${RESERVED_TAG_KEY_PREFIX}protected`, value: 'network' } as const;
