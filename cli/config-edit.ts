/**
 * Edits of the config file that keep everything a person wrote. The yaml Document API
 * locates the nodes and renders the new ones; the edit is spliced into the original
 * text, so comments, quoting and alignment everywhere else stay byte for byte (a full
 * re-stringify would realign comments and reflow flow lists). Every edit is validated
 * with the same loader and checks as synth before the file is replaced.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Document, isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import { SYNTH_CONFIG_CHECKS } from '../checks/synth-config-checks';
import { CONFIG_PATH_ENV, ConfigError, parseConfigCached } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { CliError, ExitCode } from './cli-error';

/** One `workloadAccounts` entry as the CLI writes it. */
export interface AccountEntry {
  readonly id: string;
  readonly name: string;
  readonly ou: string;
  readonly environment: string;
  readonly regions: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** Fields of an existing entry that discover corrects when an account moved. */
export interface AccountPlacement {
  readonly id: string;
  readonly ou: string;
  readonly environment: string;
}

const ACCOUNTS_KEY = 'workloadAccounts';
const ITEM_INDENT = 2;
const ACCOUNT_NAME_MAX = 63;

/** Entry with sorted regions and tag keys, key order as in the example config. */
function plainEntry(entry: AccountEntry): Record<string, unknown> {
  return {
    id: entry.id,
    name: entry.name,
    ou: entry.ou,
    environment: entry.environment,
    regions: [...entry.regions].sort(),
    tags: Object.fromEntries(
      Object.keys(entry.tags)
        .sort()
        .map((key) => [key, entry.tags[key]]),
    ),
  };
}

/** Block-sequence items, each line indented by `indent`: regions as a flow list, tags as a block map. */
function renderItems(items: readonly unknown[], indent: number): string {
  const doc = new Document(items);
  items.forEach((_, index) => {
    const regions = doc.getIn([index, 'regions'], true);
    if (isSeq(regions)) regions.flow = true;
  });
  const text = doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function parseForEdit(text: string): { doc: Document.Parsed; root: YAMLMap } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow) {
    throw new CliError('the config is not a block-style YAML mapping; fix it before editing it with baseline', ExitCode.InvalidConfig);
  }
  return { doc, root: doc.contents };
}

function accountsPair(root: YAMLMap): Pair | undefined {
  return root.items.find((pair) => isScalar(pair.key) && pair.key.value === ACCOUNTS_KEY);
}

const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset just past the line on which a node ends (its trailing comment included). */
function endOfNodeLine(text: string, node: Node): number {
  const end = node.range![2];
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * Appends accounts to `workloadAccounts`, in id order after the existing entries
 * (their order is kept: the loader sorts anyway). A missing or flow-style list
 * becomes a block list.
 */
export function addWorkloadAccounts(text: string, entries: readonly AccountEntry[]): string {
  if (entries.length === 0) return text;
  const sorted = [...entries].sort((a, b) => a.id.localeCompare(b.id));
  const { root } = parseForEdit(text);
  const pair = accountsPair(root);

  if (!pair) {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}${ACCOUNTS_KEY}:\n${renderItems(sorted.map(plainEntry), ITEM_INDENT)}`;
  }

  const seq = pair.value;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const start = seq.range![0];
    const indent = start - lineStartOf(text, start);
    const at = endOfNodeLine(text, seq.items[seq.items.length - 1] as Node);
    const separator = text[at - 1] === '\n' ? '' : '\n';
    return `${text.slice(0, at)}${separator}${renderItems(sorted.map(plainEntry), indent)}${text.slice(at)}`;
  }

  // `workloadAccounts: []`, a flow list or an empty value: rewrite just that value as a block list.
  const existing: unknown[] = isSeq(seq) ? seq.toJSON() : [];
  const key = pair.key as Node;
  const indent = key.range![0] - lineStartOf(text, key.range![0]) + ITEM_INDENT;
  const block = `\n${renderItems([...existing, ...sorted.map(plainEntry)], indent).replace(/\n$/, '')}`;
  if (isSeq(seq) || isScalar(seq)) {
    const [from, to] = (seq as Node).range!;
    const lineEnd = text.indexOf('\n', to) === -1 ? text.length : text.indexOf('\n', to);
    // A comment after the old value stays on the key's line.
    const rest = text.slice(to, lineEnd);
    const keptComment = /^\s*(#.*)?$/.test(rest) ? rest.replace(/^\s*/, rest.trim() ? ' ' : '') : '';
    const tail = keptComment || rest.trim() === '' ? text.slice(lineEnd) : text.slice(to);
    return `${text.slice(0, from).replace(/[ \t]+$/, '')}${keptComment}${block}${tail === '' ? '\n' : tail}`;
  }
  throw new CliError(`${ACCOUNTS_KEY} is not a list; fix the config before editing it with baseline`, ExitCode.InvalidConfig);
}

/** A scalar in the quoting style of the one it replaces. */
function renderScalarLike(original: Node, value: string): string {
  if (isScalar(original) && original.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isScalar(original) && original.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return stringify(value).trimEnd();
}

/** Sets `ou` and `environment` of existing entries; entries not found are left alone. */
export function updateAccountPlacements(text: string, placements: readonly AccountPlacement[]): string {
  if (placements.length === 0) return text;
  const { root } = parseForEdit(text);
  const seq = accountsPair(root)?.value;
  if (!isSeq(seq)) return text;
  const byId = new Map(placements.map((placement) => [placement.id, placement]));
  const replacements: Array<{ from: number; to: number; text: string }> = [];
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const placement = byId.get(String(item.get('id')));
    if (!placement) continue;
    for (const field of ['ou', 'environment'] as const) {
      const node = item.get(field, true) as Node | undefined;
      if (!node?.range || (isScalar(node) && node.value === placement[field])) continue;
      replacements.push({ from: node.range[0], to: node.range[1], text: renderScalarLike(node, placement[field]) });
    }
  }
  return replacements
    .sort((a, b) => b.from - a.from)
    .reduce((result, { from, to, text: value }) => `${result.slice(0, from)}${value}${result.slice(to)}`, text);
}

/**
 * A config account name from the Organizations account name: lowercase letters,
 * digits and dashes; made unique with the account id when another account has it.
 */
export function accountNameFor(organizationsName: string, accountId: string, taken: ReadonlySet<string>): string {
  const slug = organizationsName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ACCOUNT_NAME_MAX)
    .replace(/-+$/, '');
  const base = slug === '' ? `account-${accountId}` : slug;
  if (!taken.has(base)) return base;
  return `${base.slice(0, ACCOUNT_NAME_MAX - accountId.length - 1).replace(/-+$/, '')}-${accountId}`;
}

/** The config file's text and its validated content; a file that synth would reject stops the command. */
export function readValidConfig(file: string): { readonly text: string; readonly config: BaselineConfig } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new CliError(`${file}: cannot read the config: ${reason} (pass --config or set ${CONFIG_PATH_ENV})`, ExitCode.InvalidConfig);
  }
  try {
    return { text, config: parseConfigCached(text, file, SYNTH_CONFIG_CHECKS) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new CliError(`${error.problems.join('\n')}\n${file} is invalid; fix it first`, ExitCode.InvalidConfig);
  }
}

/**
 * Validates `text` exactly as synth would; a ConfigError becomes a CliError that says
 * nothing was written. Through the cache, so the deploy that follows an edit (`vend
 * --deploy`) finds the new config validated.
 */
export function validateConfigText(text: string, file: string): BaselineConfig {
  try {
    return parseConfigCached(text, file, SYNTH_CONFIG_CHECKS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new CliError(`${error.problems.join('\n')}\nthe change would make ${file} invalid; nothing was written`, ExitCode.InvalidConfig);
  }
}

/** Replaces the file in one rename, so a crash leaves either the old or the new config. */
export function writeFileAtomically(file: string, text: string): void {
  const staging = `${file}.baseline-${process.pid}.tmp`;
  try {
    writeFileSync(staging, text);
    renameSync(staging, file);
  } finally {
    rmSync(staging, { force: true });
  }
}
