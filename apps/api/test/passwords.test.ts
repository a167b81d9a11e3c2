import * as argon2 from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { argon2Passwords, assertStrongPassword, personalWords } from '../src/security/passwords.ts';

vi.mock('@node-rs/argon2', async (original) => {
  const real = await original<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});

describe('password hashing', () => {
  it('with no hash to check against, still runs one argon2 verification (and says no)', async () => {
    const verify = vi.mocked(argon2.verify);
    verify.mockClear();
    expect(await argon2Passwords.verify(null, 'anything at all')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('hashes with argon2id m=19456 t=2 p=1 and verifies', async () => {
    const hash = await argon2Passwords.hash('Velvet-Anchor-Orbit-42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Passwords.verify(hash, 'Velvet-Anchor-Orbit-42')).toBe(true);
    expect(await argon2Passwords.verify(hash, 'Velvet-Anchor-Orbit-43')).toBe(false);
    expect(await argon2Passwords.verify('not a hash', 'x')).toBe(false);
  });
});

describe('password strength', () => {
  const margaret = { email: 'margaret.thompson@example.com', name: 'Margaret Thompson' };

  it('knows the shapes a name and an email take in passwords', () => {
    expect(personalWords(margaret)).toEqual(
      expect.arrayContaining([
        'margaret.thompson@example.com',
        'margaret.thompson',
        'margaretthompson',
        'margaret',
        'thompson',
        'example',
        'margaret thompson',
      ]),
    );
  });

  it.each([
    'margaret.thompson',
    'MargaretThompson',
    'Thompson-Margaret',
    'margaret.thompson1987',
    'margaret thompson',
  ])('refuses %s for Margaret Thompson', (password) => {
    expect(() => assertStrongPassword(password, margaret)).toThrow(/too easy to guess/);
  });

  it('accepts a phrase that merely contains a name, and reports the field it checked', () => {
    expect(() => assertStrongPassword('thompson-velvet-anchor-42', margaret)).not.toThrow();
    try {
      assertStrongPassword('password123', margaret, 'newPassword');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'BAD_REQUEST',
        fieldErrors: { newPassword: [expect.any(String)] },
      });
    }
  });
});
