/**
 * The default-denied action classes an OU's perimeter SCP lets it use, read from the
 * synthesized policy: a class is opted into when the perimeter's class statement does not
 * deny every one of its actions. Pure, over a snapshot's policies.
 */
import { ACTION_CLASSES, actionsOf, OPT_IN_CLASSES, type OptInClass } from '../../policies/action-classes';
import { asList } from '../../policies/document';
import { PERIMETER_SCP_PREFIX } from '../../naming/resources';
import { CLASSES_NOT_OPTED_IN_SID } from '../../policies/scp/deny-bedrock-outside-approved-use';
import { actionPatternMatches } from './policy-diff';
import type { OrganizationPolicy } from './snapshot';

/** The classes a perimeter SCP opts its OU into; undefined for every other policy. */
export function optInsOf(policy: OrganizationPolicy | undefined): OptInClass[] | undefined {
  if (policy?.type !== 'SERVICE_CONTROL_POLICY' || !policy.name.startsWith(PERIMETER_SCP_PREFIX) || !policy.document) return undefined;
  const statement = policy.document.Statement.find((candidate) => candidate.Sid === CLASSES_NOT_OPTED_IN_SID && candidate.Effect === 'Deny');
  const denied = asList(statement?.Action);
  return OPT_IN_CLASSES.filter((optIn) => !actionsOf(optIn).every((action) => denied.some((pattern) => actionPatternMatches(pattern, action))));
}

/** What an opt-in lets the OU do, for the report. */
export function optInSummary(optIn: OptInClass): string {
  return ACTION_CLASSES[optIn].summary;
}
