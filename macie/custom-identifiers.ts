/**
 * Custom data identifiers for secrets that end up in prompts and completions, and the
 * merge with the identifiers and allow list of the config. Pure data: the stack turns
 * each definition into an aws_macie2_custom_data_identifier.
 *
 * Invocation logs are JSON, so Macie sees prompt text JSON-escaped (a quote inside a
 * prompt is `\"`, a newline is `\n`); the patterns allow for that where it matters.
 */

export interface CustomIdentifierDefinition {
  /** Short name, unique among the identifiers; part of the Macie resource name. */
  readonly name: string;
  /** What the identifier finds, shown in Macie. */
  readonly description: string;
  /** Pattern in Macie's regex dialect (macie/regex-dialect.ts). */
  readonly regex: string;
  /** One of these must precede a match within maximumMatchDistance characters; empty: no keyword needed. */
  readonly keywords: readonly string[];
  /** A match that contains one of these is not reported (case sensitive). */
  readonly ignoreWords: readonly string[];
  /** Characters allowed between a keyword and the end of a match. */
  readonly maximumMatchDistance: number;
}

/** Limits of CreateCustomDataIdentifier (Macie API reference). */
export const CUSTOM_IDENTIFIER_LIMITS = {
  nameLength: 128,
  descriptionLength: 512,
  keywords: 50,
  keywordLength: { min: 3, max: 90 },
  ignoreWords: 10,
  ignoreWordLength: { min: 4, max: 90 },
  maximumMatchDistance: { min: 1, max: 300 },
} as const;

/** Macie's default when `maximumMatchDistance` is not set. */
export const DEFAULT_MAXIMUM_MATCH_DISTANCE = 50;

const noKeywords = { keywords: [], ignoreWords: [], maximumMatchDistance: DEFAULT_MAXIMUM_MATCH_DISTANCE } as const;

/** The secrets every deployment looks for in its invocation logs. */
export const SECRET_IDENTIFIERS: readonly CustomIdentifierDefinition[] = [
  {
    name: 'private-key',
    description:
      'Private key material pasted into a prompt or returned in a completion: PEM (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted), PGP and PuTTY private keys.',
    regex: String.raw`-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-[23]: `,
    ...noKeywords,
  },
  {
    name: 'bearer-token',
    description: 'An HTTP bearer credential (Authorization: Bearer <token>) of at least 20 token characters.',
    regex: String.raw`[Bb]earer [A-Za-z0-9._~+/-]{20,}=*`,
    ...noKeywords,
  },
  {
    name: 'json-web-token',
    description: 'A signed JSON Web Token: base64url header and payload that both encode a JSON object, and a signature.',
    // base64url of '{"' followed by any ASCII character starts with eyI or eyJ.
    regex: String.raw`ey[IJ][A-Za-z0-9_-]{10,}\.ey[IJ][A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`,
    ...noKeywords,
  },
  {
    name: 'aws-secret-access-key',
    description: 'An AWS secret access key assigned to one of its usual names (environment variable, credentials file, SDK or JSON field).',
    // The name, up to four quote/backslash/space characters around ':' or '=', then exactly
    // 40 key characters followed by a non-key character or the end of the text.
    regex: String.raw`(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|aws_secret_key|AWS_SECRET_KEY|SecretAccessKey|secretAccessKey|secret_access_key)[\\"' ]{0,4}[:=][\\"' ]{0,4}[A-Za-z0-9/+]{40}(?:[^A-Za-z0-9/+]|$)`,
    keywords: [],
    // AWS documentation's example keys end in EXAMPLEKEY; they are not secrets.
    ignoreWords: ['EXAMPLEKEY'],
    maximumMatchDistance: DEFAULT_MAXIMUM_MATCH_DISTANCE,
  },
];

/** Allow-list entries become ignore words of every identifier, so they share Macie's limit with the built-in ones. */
export const MAX_ALLOW_LIST_ENTRIES =
  CUSTOM_IDENTIFIER_LIMITS.ignoreWords - Math.max(...SECRET_IDENTIFIERS.map((identifier) => identifier.ignoreWords.length));

/** A custom data identifier as the config declares it. */
export interface ConfiguredIdentifier {
  readonly name: string;
  readonly description?: string | undefined;
  readonly regex: string;
  readonly keywords: readonly string[];
  readonly ignoreWords: readonly string[];
  readonly maximumMatchDistance: number;
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * The built-in identifiers followed by the configured ones (by name), each with the
 * allow list added to its ignore words. The order is stable, so the job's identifier
 * list only changes when an identifier does.
 */
export function customIdentifierDefinitions(configured: readonly ConfiguredIdentifier[], allowList: readonly string[]): CustomIdentifierDefinition[] {
  const fromConfig = [...configured]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((identifier) => ({
      name: identifier.name,
      description: identifier.description ?? `Configured pattern ${identifier.name}.`,
      regex: identifier.regex,
      keywords: sortedUnique(identifier.keywords),
      ignoreWords: identifier.ignoreWords,
      maximumMatchDistance: identifier.maximumMatchDistance,
    }));
  return [...SECRET_IDENTIFIERS, ...fromConfig].map((identifier) => ({
    ...identifier,
    ignoreWords: sortedUnique([...identifier.ignoreWords, ...allowList]),
  }));
}
