import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { totpStep } from '../src/services/accounts/two-factor.ts';
import { signedIn, staffMember } from './fixtures.ts';
import { browserClient, errorOf, PASSWORD, type TestServer, useTestApp } from './helpers.ts';

/**
 * TOTP codes are accepted for their own 30-second step and one step either side, on the server's
 * clock (`config.now`), which these tests set: a day ago, so a code path reading the real time
 * instead would fail too.
 */
const app = useTestApp({ config: { demoMode: true } });
const STEP = 30_000;

/** A clock in the middle of a time step a day ago, moved by hand. */
function testClock() {
  let t = (Math.floor((Date.now() - 86_400_000) / STEP) + 0.5) * STEP;
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    /** The current step, offset by `d` steps. */
    step: (d = 0) => BigInt(Math.floor(t / STEP) + d),
  };
}

const codeAt = (secret: string, step: bigint) =>
  generateHOTP(decodeBase32IgnorePadding(secret), step, 6);

async function enrolledOwnerOn(server: TestServer, clock: ReturnType<typeof testClock>) {
  const owner = await staffMember(app().db, 'Owner');
  const browser = await signedIn(server, owner.email);
  const { secret } = await browser.client.auth.twoFactor.begin.mutate();
  await browser.client.auth.twoFactor.confirm.mutate({ code: codeAt(secret, clock.step()) });
  return { ...owner, secret };
}

async function pendingOn(server: TestServer, email: string) {
  const browser = browserClient(server);
  expect(await browser.client.auth.signIn.mutate({ email, password: PASSWORD })).toEqual({
    status: 'pending-second-factor',
  });
  return browser;
}

const refused = async (call: Promise<unknown>, label: string) => {
  const error = await errorOf(call);
  expect(error.data?.code, label).toBe('BAD_REQUEST');
  expect(error.data?.fieldErrors?.code, label).toBeDefined();
};

describe('sign-in codes on the injected clock', () => {
  it('a code 5 minutes late is refused; one step late or early is accepted', async () => {
    const clock = testClock();
    const server = await app().serve({ config: { demoMode: true, now: clock.now } });
    const owner = await enrolledOwnerOn(server, clock);
    const issuedAt = clock.step(1);
    clock.advance(5 * 60_000);

    const browser = await pendingOn(server, owner.email);
    const totp = (code: string) =>
      browser.client.auth.completeSecondFactor.mutate({ method: 'totp', code });
    await refused(totp(codeAt(owner.secret, issuedAt)), 'five minutes late');
    await refused(totp(codeAt(owner.secret, clock.step(-2))), 'two steps late');
    await refused(totp(codeAt(owner.secret, clock.step(2))), 'two steps early');
    expect(await browser.client.auth.session.query()).toEqual({ status: 'pending-second-factor' });
    expect((await totp(codeAt(owner.secret, clock.step(-1)))).status).toBe('signed-in');

    const next = await pendingOn(server, owner.email);
    const state = await next.client.auth.completeSecondFactor.mutate({
      method: 'totp',
      code: codeAt(owner.secret, clock.step(1)),
    });
    expect(state.status).toBe('signed-in');
  });

  it('enrolment is confirmed only with a code of now, on the same clock', async () => {
    const clock = testClock();
    const server = await app().serve({ config: { demoMode: true, now: clock.now } });
    const owner = await staffMember(app().db, 'Owner');
    const browser = await signedIn(server, owner.email);
    const { secret } = await browser.client.auth.twoFactor.begin.mutate();
    const shown = clock.step();
    clock.advance(5 * 60_000);
    await refused(
      browser.client.auth.twoFactor.confirm.mutate({ code: codeAt(secret, shown) }),
      'five minutes late',
    );
    const { recoveryCodes } = await browser.client.auth.twoFactor.confirm.mutate({
      code: codeAt(secret, clock.step()),
    });
    expect(recoveryCodes).toHaveLength(10);
  });
});

describe('totpStep', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const at = new Date(1_700_000_015_000); // 15 s into step 56 666 667

  it('names the step of a code within one step of now, and nothing further', () => {
    const now = BigInt(Math.floor(at.getTime() / STEP));
    for (const d of [-1n, 0n, 1n])
      expect(totpStep(secret, codeAt(secret, now + d), at)).toBe(now + d);
    for (const d of [-3n, -2n, 2n, 3n, -10n])
      expect(totpStep(secret, codeAt(secret, now + d), at), String(d)).toBeNull();
  });

  it('the window is ±30 seconds from now, not from the step’s start', () => {
    const stepStart = new Date(Math.floor(at.getTime() / STEP) * STEP);
    const step = BigInt(stepStart.getTime() / STEP);
    // At the very start of a step, the previous step's code is still accepted …
    expect(totpStep(secret, codeAt(secret, step - 1n), stepStart)).toBe(step - 1n);
    // … and 30 s after the end of a step, its code no longer is.
    const late = new Date(stepStart.getTime() + 2 * STEP);
    expect(totpStep(secret, codeAt(secret, step), late)).toBeNull();
    expect(totpStep(secret, codeAt(secret, step), new Date(late.getTime() - 1))).toBe(step);
  });
});
