import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissions } from '@bazaar/contracts/server';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadEnv } from '../src/env.ts';
import { customRole, signedIn, staffMember } from './fixtures.ts';
import { browserClient, capturingLogger, errorOf, PASSWORD, useTestApp } from './helpers.ts';

/**
 * Issue 7, finding 9: the development mailbox must not be a way to become someone else. Mail
 * carries links that sign in as its recipient, so only staff who already hold every permission
 * read other people's mail; and the mailbox exists only in demo mode without an SMTP server.
 */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const LINK = /token=[a-z2-7]{32}/;

async function resetRequestedFor(email: string) {
  await app().browser().client.auth.requestPasswordReset.mutate({ email });
  await app().deliverMail();
}

describe('other people’s mail', () => {
  it('a staff admin (staff:manage only) lists it without the links; the Owner reads them', async () => {
    const manager = await staffMember(db(), 'Manager');
    const adminRole = await customRole(db(), 'Staff admin', ['staff:manage']);
    const admin = await staffMember(db(), adminRole);
    const staffAdmin = await signedIn(app(), admin.email);
    // The escalation of finding 9: ask for the Manager's reset, then read the link.
    await resetRequestedFor(manager.email);

    const [seen, ...more] = await staffAdmin.client.admin.mailbox.list.query({
      to: manager.email,
    });
    expect(more).toEqual([]);
    expect(seen?.subject).toMatch(/Reset your/);
    expect(seen?.text).not.toMatch(LINK);
    expect(seen?.text).toMatch(/^\(Hidden: .*every permission/);
    // Nor is any other recipient's link anywhere in the full listing.
    for (const mail of await staffAdmin.client.admin.mailbox.list.query({ limit: 100 }))
      if (mail.to !== admin.email) expect(mail.text, mail.to).not.toMatch(LINK);

    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const [full] = await owner.client.admin.mailbox.list.query({ to: manager.email });
    expect(full?.id).toBe(seen?.id);
    expect(full?.text).toMatch(/\/reset-password\?token=[a-z2-7]{32}/);
  });

  it('everyone reads their own mail, links included', async () => {
    const adminRole = await customRole(db(), 'Staff admin', ['staff:manage']);
    const admin = await staffMember(db(), adminRole);
    const staffAdmin = await signedIn(app(), admin.email);
    await resetRequestedFor(admin.email);
    const [own] = await staffAdmin.client.admin.mailbox.list.query({ to: admin.email });
    expect(own?.text).toMatch(/\/reset-password\?token=[a-z2-7]{32}/);
  });

  it('what counts is holding every permission, whatever the role is called', async () => {
    const target = await staffMember(db(), 'Support');
    await resetRequestedFor(target.email);
    const textSeenBy = async (granted: readonly (typeof permissions)[number][]) => {
      const viewer = await staffMember(db(), await customRole(db(), 'Viewer', granted));
      const browser = await signedIn(app(), viewer.email);
      const [mail] = await browser.client.admin.mailbox.list.query({ to: target.email });
      return mail?.text ?? '';
    };
    expect(await textSeenBy(permissions)).toMatch(LINK);
    for (const missing of ['audit:read', 'catalog:write'])
      expect(await textSeenBy(permissions.filter((p) => p !== missing)), missing).not.toMatch(LINK);
  });

  it('an invitation sent by a staff admin is not readable by them', async () => {
    const adminRole = await customRole(db(), 'Staff admin', ['staff:manage']);
    const staffAdmin = await signedIn(app(), (await staffMember(db(), adminRole)).email);
    const email = `invitee-${Date.now()}@staff.test`;
    await staffAdmin.client.admin.staff.invite.mutate({ name: 'Ina', email, roleId: adminRole.id });
    const [invitation] = await staffAdmin.client.admin.mailbox.list.query({ to: email });
    expect(invitation?.subject).toMatch(/invited/);
    expect(invitation?.text).not.toMatch(LINK);
  });
});

describe('where the development mailbox exists', () => {
  /** The whole app as `main.ts` builds it, on this file's database, with `env`. */
  async function startedWith(env: Record<string, string>) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-mailbox-'));
    const started = await createApp(
      loadEnv({
        DATABASE_URL: app().testDb.url,
        DATA_DIR: dataDir,
        SECRET_KEYS: Buffer.alloc(32, 7).toString('base64url'),
        PUBLIC_URL: 'http://shop.test',
        LOG_LEVEL: 'silent',
        ...env,
      }),
      capturingLogger().log,
    );
    await new Promise<void>((ready) => started.server.listen(0, '127.0.0.1', ready));
    const { port } = started.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      lines: () => [],
      close: async () => {
        await started.shutdown();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  /** Staff holding every permission, under a role that needs no second factor. */
  const superuser = async () => {
    const role = await customRole(db(), 'Superuser', permissions);
    return (await staffMember(db(), role)).email;
  };

  it.each([
    ['outside demo mode (mail goes to the log)', { DEMO_MODE: 'false' }],
    ['in demo mode with an SMTP server', { DEMO_MODE: 'true', SMTP_URL: 'smtp://127.0.0.1:9' }],
  ])('%s it is PRECONDITION_FAILED, even for staff holding every permission', async (_, env) => {
    const server = await startedWith(env);
    try {
      const browser = browserClient(server);
      const email = await superuser();
      expect((await browser.client.auth.signIn.mutate({ email, password: PASSWORD })).status).toBe(
        'signed-in',
      );
      const error = await errorOf(browser.client.admin.mailbox.list.query({}));
      expect(error.data?.code).toBe('PRECONDITION_FAILED');
      // The rest of staff administration works.
      expect((await browser.client.admin.staff.list.query()).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('in demo mode without an SMTP server it is there', async () => {
    const server = await startedWith({ DEMO_MODE: 'true' });
    try {
      const browser = browserClient(server);
      await browser.client.auth.signIn.mutate({ email: await superuser(), password: PASSWORD });
      expect(Array.isArray(await browser.client.admin.mailbox.list.query({}))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
