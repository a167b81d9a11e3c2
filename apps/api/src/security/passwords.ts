import { invalidField } from '@bazaar/contracts/server';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** OWASP's argon2id minimum (ASVS 5.0 V11.4): 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashing and checking passwords. Services take it from their config, so tests can count checks. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Checks `password` against `passwordHash`. With `null` (no account, or no password yet) it
   * still verifies against a dummy hash and answers false, so both cost the same time.
   */
  verify(passwordHash: string | null, password: string): Promise<boolean>;
}

/** The two functions of `@node-rs/argon2` the hasher uses (a parameter so tests can watch them). */
export type Argon2 = Pick<typeof import('@node-rs/argon2'), 'hash' | 'verify'>;

export function argon2PasswordHasher(argon2: Argon2 = { hash, verify }): PasswordHasher {
  // Verifying against this when there is no account makes "unknown email" cost the same as
  // "wrong password".
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
    async verify(passwordHash, password) {
      if (!passwordHash) {
        dummyHash ??= argon2.hash('not-a-real-password-only-for-timing', ARGON2_OPTIONS);
        await argon2.verify(await dummyHash, password).catch(() => false);
        return false;
      }
      return argon2.verify(passwordHash, password).catch(() => false);
    },
  };
}

export const argon2Passwords: PasswordHasher = argon2PasswordHasher();

const zxcvbn = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

/** zxcvbn score 3: "safely unguessable" against online attacks and throttled offline ones. */
const MIN_SCORE = 3;

/**
 * What a guesser knows about the person, in the shapes people turn it into passwords:
 * `margaret.thompson@example.com` and "Margaret Thompson" give the address, its local part,
 * the local part's pieces, the domain's name, the name with and without spaces, and each word.
 */
export function personalWords(person: { email?: string; name?: string }): string[] {
  const words = new Set<string>();
  const add = (value: string | undefined) => {
    const v = value?.trim().toLowerCase();
    if (v && v.length >= 3) words.add(v);
  };
  if (person.email) {
    const email = person.email.toLowerCase();
    const at = email.lastIndexOf('@');
    const local = at > 0 ? email.slice(0, at) : email;
    const domain = at > 0 ? email.slice(at + 1) : '';
    add(email);
    add(local);
    add(local.replace(/[^a-z0-9]/g, ''));
    for (const piece of local.split(/[^a-z0-9]/)) add(piece);
    add(domain.split('.')[0]);
  }
  if (person.name) {
    const { name } = person;
    add(name);
    add(name.replace(/\s/g, ''));
    add(name.replace(/[^\p{L}\p{N}]/gu, ''));
    for (const piece of name.split(/[^\p{L}\p{N}]/u)) add(piece);
  }
  return [...words];
}

const bare = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Rejects common and easily guessed passwords (zxcvbn-ts with its maintained frequency lists),
 * including ones built from the user's own name or email. Length limits are in the contract.
 */
export function assertStrongPassword(
  password: string,
  person: { email?: string; name?: string },
  field = 'password',
) {
  const words = personalWords(person);
  // zxcvbn scores a password that merely contains a personal word by what else is in it; one
  // made of nothing but personal words and digits (`margaret.thompson`, `Thompson-Margaret1`)
  // is refused outright.
  const pieces = words.map(bare).filter((w) => w.length >= 3);
  const whole = bare(password);
  let rest = whole;
  for (const piece of pieces.sort((a, b) => b.length - a.length)) rest = rest.replaceAll(piece, '');
  const personal = rest !== whole && rest.replace(/\d/g, '') === '';
  const result = zxcvbn.check(password, words);
  if (!personal && result.score >= MIN_SCORE) return;
  const hint = personal
    ? 'It is made from your name or email address'
    : (result.feedback.warning ?? result.feedback.suggestions[0]);
  throw invalidField(
    field,
    `This password is too easy to guess${hint ? `: ${hint.replace(/\.$/, '')}` : ''}. Try a longer phrase of unrelated words.`,
  );
}
