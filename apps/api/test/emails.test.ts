import { users } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../src/db.ts';
import { errorOf, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();

describe('email addresses are unique regardless of case', () => {
  it('the database refuses a second account whose email differs only in case', async () => {
    const email = uniqueEmail('case');
    await app().db.insert(users).values({ kind: 'customer', email, name: 'Lower' });
    const insertUpper = app()
      .db.insert(users)
      .values({ kind: 'customer', email: email.toUpperCase(), name: 'Upper' });
    await expect(insertUpper).rejects.toSatisfy(isUniqueViolation);
  });

  it('an account stored with capitals (say, by an import) is found by sign-in and protected from sign-up', async () => {
    const email = uniqueEmail('legacy');
    const stored = email.replace(/^legacy/, 'Legacy');
    const browser = app().browser();
    await browser.client.auth.signUp.mutate({ name: 'Leg Acy', email, password: PASSWORD });
    // As if written by something that did not lower-case it.
    await app().db.update(users).set({ email: stored }).where(eq(users.email, email));
    expect(
      (await app().browser().client.auth.signIn.mutate({ email, password: PASSWORD })).status,
    ).toBe('signed-in');
    const taken = await errorOf(
      app().browser().client.auth.signUp.mutate({ name: 'Other', email, password: PASSWORD }),
    );
    expect(taken.data?.code).toBe('CONFLICT');
    expect(taken.data?.fieldErrors?.email).toBeDefined();
  });
});
