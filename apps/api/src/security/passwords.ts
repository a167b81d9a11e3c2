import { invalidField } from '@bazaar/contracts';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** OWASP's argon2id minimum (ASVS 5.0 V11.4): 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

// Verifying against this when there is no account makes "unknown email" cost the same as "wrong password".
const dummyHash = hash('not-a-real-password-only-for-timing', ARGON2_OPTIONS);

/** Checks `password` against `passwordHash`, or against a dummy hash (always false) when null. */
export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const zxcvbn = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

/** zxcvbn score 3: "safely unguessable" against online attacks and throttled offline ones. */
const MIN_SCORE = 3;

/**
 * Rejects common and easily guessed passwords (zxcvbn-ts with its maintained frequency lists),
 * including ones built from the user's own name or email. Length limits are in the contract.
 */
export function assertStrongPassword(password: string, userInputs: string[], field = 'password') {
  const result = zxcvbn.check(password, userInputs);
  if (result.score >= MIN_SCORE) return;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  throw invalidField(
    field,
    `This password is too easy to guess${hint ? `: ${hint.replace(/\.$/, '')}` : ''}. Try a longer phrase of unrelated words.`,
  );
}
