/**
 * The built-in secret identifiers against real-shaped secrets as they appear in an
 * invocation log (a JSON record, so prompt text is JSON-escaped), and against the
 * near-misses they must leave alone. `reported` models how Macie applies a custom data
 * identifier: regex matches, minus those containing an ignore word, and with keywords,
 * only matches that a keyword precedes within the maximum match distance.
 */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  CUSTOM_IDENTIFIER_LIMITS,
  customIdentifierDefinitions,
  MAX_ALLOW_LIST_ENTRIES,
  SECRET_IDENTIFIERS,
  type CustomIdentifierDefinition,
} from '../../macie/custom-identifiers';
import { macieRegexProblems } from '../../macie/regex-dialect';

function identifier(name: string): CustomIdentifierDefinition {
  const found = SECRET_IDENTIFIERS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no built-in identifier ${name}`);
  return found;
}

/** The matches Macie would report for `text`. */
function reported(definition: CustomIdentifierDefinition, text: string): string[] {
  const lowered = text.toLowerCase();
  return [...text.matchAll(new RegExp(definition.regex, 'g'))]
    .filter((match) => !definition.ignoreWords.some((word) => match[0].includes(word)))
    .filter((match) => {
      if (definition.keywords.length === 0) return true;
      const end = match.index + match[0].length;
      return definition.keywords.some((keyword) => {
        const at = lowered.lastIndexOf(keyword.toLowerCase(), match.index - keyword.length);
        return at >= 0 && end - (at + keyword.length) <= definition.maximumMatchDistance;
      });
    })
    .map((match) => match[0]);
}

/** One line of an invocation log object: a Converse call whose prompt is `prompt`. */
function invocationLogLine(prompt: string, completion = 'Understood.'): string {
  return JSON.stringify({
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: '2026-11-20T10:15:02Z',
    accountId: '444444444444',
    identity: { arn: 'arn:aws:sts::444444444444:assumed-role/ChatbotApp/i-0abc' },
    region: 'us-east-1',
    requestId: 'b6f1c1de-3a52-4f8e-9f2a-0d4c7e1a9b21',
    operation: 'Converse',
    modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    input: {
      inputContentType: 'application/json',
      inputBodyJson: { messages: [{ role: 'user', content: [{ text: prompt }] }] },
      inputTokenCount: 42,
    },
    output: {
      outputContentType: 'application/json',
      outputBodyJson: { output: { message: { role: 'assistant', content: [{ text: completion }] } } },
      outputTokenCount: 3,
    },
  });
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function signedJwt(payload: object): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url')}`;
}

const SECRET_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
function secretAccessKey(length = 40): string {
  return [...randomBytes(length)].map((byte) => SECRET_KEY_ALPHABET[byte % SECRET_KEY_ALPHABET.length]).join('');
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

describe('built-in identifiers', () => {
  it.each(SECRET_IDENTIFIERS.map((definition) => [definition.name, definition] as const))(
    '%s is in Macie’s regex dialect and within its limits',
    (_name, definition) => {
      expect(macieRegexProblems(definition.regex)).toEqual([]);
      expect(definition.description.length).toBeLessThanOrEqual(CUSTOM_IDENTIFIER_LIMITS.descriptionLength);
      expect(definition.ignoreWords.length).toBeLessThanOrEqual(CUSTOM_IDENTIFIER_LIMITS.ignoreWords);
    },
  );
});

describe('private-key', () => {
  const definition = identifier('private-key');
  const encryptedPkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString();

  it.each([
    ['a PKCS#8', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['a PKCS#1 RSA', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['a SEC1 EC', ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString()],
    ['an encrypted PKCS#8', encryptedPkcs8],
    [
      'an OpenSSH',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----',
    ],
    ['a PGP', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVx0yABCADHb9j3qKXa0Qm3uB4d\n-----END PGP PRIVATE KEY BLOCK-----'],
    ['a PuTTY', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 2'],
  ])('finds %s key pasted into a prompt', (_kind, pem) => {
    expect(reported(definition, invocationLogLine(`Why does ssh reject this key?\n${pem}`))).toHaveLength(1);
  });

  it.each([
    ['a public key', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a PKCS#1 public key', rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['a PGP public key', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGVx0yABCAC\n-----END PGP PUBLIC KEY BLOCK-----'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUE\n-----END CERTIFICATE-----'],
    ['prose about keys', 'The file should start with BEGIN PRIVATE KEY followed by base64.'],
  ])('leaves %s alone', (_kind, text) => {
    expect(reported(definition, invocationLogLine(text))).toEqual([]);
  });
});

describe('bearer-token', () => {
  const definition = identifier('bearer-token');

  it.each([
    ['an opaque OAuth token', `Authorization: Bearer ${randomBytes(32).toString('base64url')}`],
    ['a GitHub token', `curl -H "Authorization: bearer ghp_${randomBytes(27).toString('base64url').slice(0, 36)}" https://api.github.com/user`],
    ['a JWT', `Authorization: Bearer ${signedJwt({ sub: 'user-1', exp: 1893456000 })}`],
  ])('finds %s', (_kind, text) => {
    expect(reported(definition, invocationLogLine(text))).toHaveLength(1);
  });

  it.each([
    ['the bearer of bad news', 'I hate to be the bearer of bad news, but the build failed.'],
    ['a placeholder', 'Send Authorization: Bearer <token> with each request.'],
    ['a short word', 'Use Bearer authentication for the API.'],
  ])('leaves %s alone', (_kind, text) => {
    expect(reported(definition, invocationLogLine(text))).toEqual([]);
  });
});

describe('json-web-token', () => {
  const definition = identifier('json-web-token');

  it('finds a signed JWT in a prompt and in a completion', () => {
    const token = signedJwt({ sub: '1234567890', name: 'Jane Doe', iat: 1516239022 });
    expect(reported(definition, invocationLogLine(`decode ${token} please`))).toEqual([token]);
    expect(reported(definition, invocationLogLine('token?', `Here it is: ${token}`))).toEqual([token]);
  });

  it('finds any HS256 token, whatever else the claims hold', () => {
    fc.assert(
      fc.property(
        fc.record({ sub: fc.string(), iat: fc.nat() }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
        (registered, custom) => {
          const claims = { ...custom, ...registered };
          const token = signedJwt(claims);
          expect(reported(definition, invocationLogLine(`token: ${token}`))).toEqual([token]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['an unsigned header and payload', `${base64url('{"alg":"none"}')}.${base64url('{"sub":"1234567890"}')}`],
    ['a lone JWT header', base64url('{"alg":"HS256","typ":"JWT"}')],
    ['a word starting with eyJ', 'eyJohnson wrote eyJ.eyJ.sig in the docs'],
  ])('leaves %s alone', (_kind, text) => {
    expect(reported(definition, invocationLogLine(text))).toEqual([]);
  });
});

describe('aws-secret-access-key', () => {
  const definition = identifier('aws-secret-access-key');

  it.each([
    ['a shell export', (key: string) => `export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7ABCDEFG\nexport AWS_SECRET_ACCESS_KEY=${key}`],
    ['a credentials file', (key: string) => `[default]\naws_access_key_id = AKIAIOSFODNN7ABCDEFG\naws_secret_access_key = ${key}\n`],
    [
      'a JSON credential',
      (key: string) => JSON.stringify({ AccessKeyId: 'ASIAIOSFODNN7ABCDEFG', SecretAccessKey: key, SessionToken: 'FwoGZXIvYXdzEB' }),
    ],
    ['SDK code', (key: string) => `new S3Client({ credentials: { accessKeyId: 'AKIAIOSFODNN7ABCDEFG', secretAccessKey: '${key}' } })`],
  ])('finds a key in %s', (_kind, render) => {
    const key = secretAccessKey();
    expect(reported(definition, invocationLogLine(render(key)))).toHaveLength(1);
  });

  it('finds every key shape in every form', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
        fc.constantFrom('AWS_SECRET_ACCESS_KEY=', 'aws_secret_access_key = ', '"SecretAccessKey": "'),
        (key, prefix) => {
          expect(reported(definition, invocationLogLine(`${prefix}${key}"`))).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a 39-character value', `aws_secret_access_key = ${secretAccessKey(39)}`],
    ['a 41-character value', `aws_secret_access_key = ${secretAccessKey(41)}`],
    ['a redacted value', 'aws_secret_access_key = <redacted>'],
    ['a bare 40-character string', `checksum ${secretAccessKey()}`],
    ['the access key id', 'my key id is AKIAIOSFODNN7ABCDEFG'],
    ["AWS documentation's example key", 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ])('leaves %s alone', (_kind, text) => {
    expect(reported(definition, invocationLogLine(text))).toEqual([]);
  });
});

describe('customIdentifierDefinitions', () => {
  const configured = [
    { name: 'zeta-token', regex: String.raw`zt_[a-z0-9]{20}`, keywords: ['zeta'], ignoreWords: ['zt_test'], maximumMatchDistance: 40 },
    { name: 'alpha-id', regex: String.raw`AL-\d{8}`, keywords: [], ignoreWords: [], maximumMatchDistance: 50 },
  ];

  it('puts the built-in identifiers first, then the configured ones by name', () => {
    const names = customIdentifierDefinitions(configured, []).map((definition) => definition.name);
    expect(names).toEqual([...SECRET_IDENTIFIERS.map((definition) => definition.name), 'alpha-id', 'zeta-token']);
  });

  it('adds the allow list to the ignore words of every identifier, so an allowed sample is not reported', () => {
    const sample = `Authorization: Bearer excorp_test_${'0'.repeat(32)}`;
    const bearer = () => customIdentifierDefinitions([], ['excorp_test_']).find((definition) => definition.name === 'bearer-token')!;
    expect(reported(identifier('bearer-token'), invocationLogLine(sample))).toHaveLength(1);
    expect(reported(bearer(), invocationLogLine(sample))).toEqual([]);
    for (const definition of customIdentifierDefinitions(configured, ['excorp_test_'])) expect(definition.ignoreWords).toContain('excorp_test_');
  });

  it('honours keywords of a configured identifier the way Macie does', () => {
    const zeta = customIdentifierDefinitions(configured, []).find((definition) => definition.name === 'zeta-token')!;
    const token = `zt_${'a1'.repeat(10)}`;
    expect(reported(zeta, `the zeta token is ${token}`)).toEqual([token]);
    expect(reported(zeta, `${token} is unrelated`)).toEqual([]);
    expect(reported(zeta, `zeta${' '.repeat(30)}${token}`)).toEqual([]);
  });

  it('leaves room for the allow list within Macie’s ignore-word limit', () => {
    for (const definition of customIdentifierDefinitions(
      [],
      Array.from({ length: MAX_ALLOW_LIST_ENTRIES }, (_, i) => `allowed-${i}`),
    )) {
      expect(definition.ignoreWords.length).toBeLessThanOrEqual(CUSTOM_IDENTIFIER_LIMITS.ignoreWords);
    }
  });
});
