import { users } from '@bazaar/db/schema';
import * as argon2 from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import {
  argon2PasswordHasher,
  argon2Passwords,
  assertStrongPassword,
  personalWords,
} from '../src/security/passwords.ts';
import { customerAccount, mailedToken, signedIn, staffMember } from './fixtures.ts';
import { errorOf, PASSWORD, useTestApp } from './helpers.ts';

/**
 * Issue 7, finding 6: a password made of the person's own name or email address is refused as
 * weak wherever a password is chosen: sign-up, password change, reset and invitation.
 */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;

const NAME = 'Margaret Thompson';
/** The same person under a domain of the test's own (emails are unique). */
const margaret = (domain: string) => `margaret.thompson@${domain}.example`;
/** Guessable from the person alone: the local part, the name without its space, and friends. */
const PERSONAL = [
  'margaret.thompson',
  'MargaretThompson',
  'Margaret Thompson',
  'thompson.margaret',
  'Thompson-Margaret1',
  'margaretthompson2024',
];

async function refusedAsWeak(call: Promise<unknown>, field: string, label: string) {
  const error = await errorOf(call);
  expect(error.data?.code, label).toBe('BAD_REQUEST');
  expect(error.data?.fieldErrors?.[field]?.[0], label).toMatch(/too easy to guess/);
}

describe('a password made from the name or email is refused', () => {
  it('on sign-up (password), creating no account', async () => {
    const email = margaret('signup');
    for (const password of PERSONAL) {
      const signUp = app().browser().client.auth.signUp.mutate({ name: NAME, email, password });
      await refusedAsWeak(signUp, 'password', password);
    }
    expect(await db().select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('on password change (newPassword), keeping the old password', async () => {
    const { email } = await customerAccount(db(), { name: NAME, email: margaret('change') });
    const browser = await signedIn(app(), email);
    for (const newPassword of [...PERSONAL, 'password123', 'qwertyuiop']) {
      const change = browser.client.account.changePassword.mutate({
        currentPassword: PASSWORD,
        newPassword,
      });
      await refusedAsWeak(change, 'newPassword', newPassword);
    }
    await signedIn(app(), email);
  });

  it('on reset (password), without using the link up', async () => {
    const { email } = await customerAccount(db(), { name: NAME, email: margaret('reset') });
    const anonymous = app().browser().client;
    await anonymous.auth.requestPasswordReset.mutate({ email });
    await app().deliverMail();
    const token = await mailedToken(db(), email);
    for (const password of PERSONAL)
      await refusedAsWeak(
        anonymous.auth.resetPassword.mutate({ token, password }),
        'password',
        password,
      );
    await anonymous.auth.resetPassword.mutate({ token, password: 'Marble-Lantern-Quiver-77' });
  });

  it('on accepting a staff invitation (password), without using the link up', async () => {
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const email = margaret('invite');
    const [support] = (await owner.client.admin.roles.list.query()).filter(
      (r) => r.name === 'Support',
    );
    await owner.client.admin.staff.invite.mutate({ name: NAME, email, roleId: support?.id ?? '' });
    const token = await mailedToken(db(), email);
    const anonymous = app().browser().client;
    for (const password of PERSONAL)
      await refusedAsWeak(
        anonymous.auth.acceptInvite.mutate({ token, password }),
        'password',
        password,
      );
    await anonymous.auth.acceptInvite.mutate({ token, password: 'Marble-Lantern-Quiver-77' });
  });
});

describe('assertStrongPassword', () => {
  const person = { name: NAME, email: 'margaret.thompson@example.com' };
  const weak = (password: string, who: { name?: string; email?: string } = person) => {
    try {
      assertStrongPassword(password, who, 'secret');
      return null;
    } catch (error) {
      return error as { code: string; fieldErrors: Record<string, string[]> };
    }
  };

  it('refuses personal passwords with the reason, on the given field', () => {
    for (const password of PERSONAL) {
      const error = weak(password);
      expect(error?.code, password).toBe('BAD_REQUEST');
      expect(Object.keys(error?.fieldErrors ?? {}), password).toEqual(['secret']);
      expect(error?.fieldErrors.secret?.[0], password).toMatch(
        /^This password is too easy to guess: It is made from your name or email address\. Try a longer phrase of unrelated words\.$/,
      );
    }
  });

  it('refuses common passwords with zxcvbn’s warning, without a trailing full stop', () => {
    const message = weak('password123')?.fieldErrors.secret?.[0];
    expect(message).toMatch(/^This password is too easy to guess: .+[^.]\. Try a longer phrase/);
    expect(message).not.toMatch(/made from your name/);
  });

  it('without a warning from zxcvbn, gives its first suggestion', () => {
    // zxcvbn has no warning for `mOnkey12`, only suggestions.
    expect(weak('mOnkey12')?.fieldErrors.secret).toEqual([
      'This password is too easy to guess: Add more words that are less common. Try a longer phrase of unrelated words.',
    ]);
  });

  it('accepts a password at exactly zxcvbn score 3, the minimum', () => {
    // Scored 3 by zxcvbn-ts with the common and English lists, like `tulip-rain`.
    for (const password of ['velvet99zebra', 'quiet-lamp7'])
      expect(weak(password), password).toBeNull();
  });

  it('uses the field name `password` by default', () => {
    expect(() => assertStrongPassword('password123', person)).toThrow(
      expect.objectContaining({ fieldErrors: { password: [expect.any(String)] } }),
    );
  });

  it('accepts strong passwords, also ones that merely contain a personal word', () => {
    for (const password of [PASSWORD, 'Marble-Lantern-Quiver-77', 'Thompson-Quartz-Harbour-Velvet'])
      expect(weak(password), password).toBeNull();
  });

  it('removes the longest personal words first, so a name inside a name still counts', () => {
    // "ann" inside "annabel": taking "ann" out first would leave "abel" and miss the rule.
    const error = weak('Annabel2024', { name: 'Annabel Ann', email: 'a@x.io' });
    expect(error?.fieldErrors.secret?.[0]).toMatch(/made from your name or email address/);
  });

  it('the personal rule needs every piece to be personal (digits aside)', () => {
    // Personal words plus something else entirely is judged by zxcvbn alone.
    expect(weak('margaret-quartz-harbour-velvet')).toBeNull();
    // Without a name or email, nothing is personal.
    expect(weak('MargaretThompson', {})?.fieldErrors.secret?.[0] ?? '').not.toMatch(
      /made from your name/,
    );
  });
});

describe('personalWords', () => {
  it('gives the address, its local part and pieces, the domain name and the name’s shapes', () => {
    expect(
      personalWords({
        email: 'Margaret.Thompson@Example.com',
        name: ' Margaret  Thompson ',
      }).sort(),
    ).toEqual(
      [
        'margaret.thompson@example.com',
        'margaret.thompson',
        'margaretthompson',
        'margaret',
        'thompson',
        'example',
        'margaret  thompson',
      ].sort(),
    );
  });

  it('splits names on any punctuation and keeps letters of every script', () => {
    expect(personalWords({ name: "Zoë O'Brien-Łukasz" }).sort()).toEqual(
      [
        "zoë o'brien-łukasz",
        "zoëo'brien-łukasz",
        'zoëobrienłukasz',
        'zoë',
        'brien',
        'łukasz',
      ].sort(),
    );
  });

  it('drops pieces shorter than three characters and handles an address without a domain', () => {
    expect(personalWords({ email: 'al.b@x.io' }).sort()).toEqual(
      ['al.b@x.io', 'al.b', 'alb'].sort(),
    );
    expect(personalWords({ email: 'jo' })).toEqual([]);
    expect(personalWords({ email: 'joanna' }).sort()).toEqual(['joanna']);
    // No local part: the whole string is taken as one.
    expect(personalWords({ email: '@example.com' }).sort()).toEqual(
      ['@example.com', 'com', 'example', 'examplecom'].sort(),
    );
    expect(personalWords({})).toEqual([]);
  });
});

describe('argon2Passwords', () => {
  it('hashes with argon2id at OWASP’s minimum and verifies only the right password', async () => {
    const hash = await argon2Passwords.hash(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Passwords.verify(hash, PASSWORD)).toBe(true);
    expect(await argon2Passwords.verify(hash, `${PASSWORD}!`)).toBe(false);
    // A broken hash is a failed check, not an error.
    expect(await argon2Passwords.verify('not-a-hash', PASSWORD)).toBe(false);
  });

  it('with no hash, still verifies the password against a real argon2id hash, and says no', async () => {
    // The real argon2 functions, watched.
    const verify = vi.fn(argon2.verify);
    const passwords = argon2PasswordHasher({ hash: argon2.hash, verify });
    expect(await passwords.verify(null, PASSWORD)).toBe(false);
    expect(await passwords.verify(null, 'not-a-real-password-only-for-timing')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
    for (const [hash, password] of verify.mock.calls) {
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect([PASSWORD, 'not-a-real-password-only-for-timing']).toContain(password);
    }
    // The dummy hash is made once.
    expect(verify.mock.calls[0]?.[0]).toBe(verify.mock.calls[1]?.[0]);
  });
});
