import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type Database, type DbHandle } from '@bazaar/db';
import { mailOutbox } from '@bazaar/db/schema';
import { eq, inArray, sql } from 'drizzle-orm';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.ts';
import { passwordResetRenderer } from '../src/services/accounts/password-reset-mail.ts';
import { createOwner } from '../src/services/admin/owner.ts';
import { createMailDispatcher, REDACTED_BODY } from '../src/services/mail/dispatcher.ts';
import { enqueueMail, type OutgoingMail } from '../src/services/mail/outbox.ts';
import {
  devMailboxTransport,
  type MailTransport,
  smtpTransport,
} from '../src/services/mail/transports.ts';
import { capturingLogger, useTestApp } from './helpers.ts';

/** The outbox dispatcher against the real database and a real (local) SMTP server. */
const app = useTestApp();
const db = () => app().db;
/** A dispatcher as the app builds one, on `database`. */
const dispatcherOf = (database: Database, transport: MailTransport, log: Logger) =>
  createMailDispatcher(database, transport, log, {
    'password-reset': passwordResetRenderer('https://shop.example'),
  });
const FROM = 'Bazaar <no-reply@bazaar.test>';

interface Received {
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: Buffer;
}

/** An SMTP sink on an ephemeral port that keeps every message it accepts. */
async function startSmtpSink() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          mailFrom: mailFrom ? mailFrom.address : undefined,
          rcptTo: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        done();
      });
    },
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

let n = 0;
const message = (patch: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: `recipient-${++n}@example.com`,
  subject: `Message ${n}`,
  text: `Hello number ${n}`,
  ...patch,
});

async function queue(...mails: OutgoingMail[]) {
  for (const mail of mails) await enqueueMail(db(), mail);
  return db()
    .select()
    .from(mailOutbox)
    .where(
      inArray(
        mailOutbox.to,
        mails.map((m) => m.to),
      ),
    );
}

const rowOf = async (id: string) =>
  (await db().select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

// Each test owns the whole outbox: a dispatcher sends everything that is due.
beforeEach(async () => {
  await db().delete(mailOutbox);
});

describe('development mailbox transport', () => {
  it('marks due mail sent with transport dev-mailbox, once', async () => {
    const rows = await queue(message(), message());
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    const { log } = capturingLogger();
    const dispatcher = dispatcherOf(db(), devMailboxTransport, log);

    expect(await dispatcher.runOnce()).toBe(2);
    for (const row of rows) {
      expect(await rowOf(row.id)).toMatchObject({
        status: 'sent',
        transport: 'dev-mailbox',
        attempts: 1,
        lastError: null,
        sentAt: expect.any(Date),
      });
    }
    expect(await dispatcher.runOnce()).toBe(0);
    await dispatcher.stop();
  });
});

describe('SMTP transport', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());

  it('an invitation queued by the staff service arrives over SMTP with its link', async () => {
    let wakes = 0;
    const { services } = await app().serve({
      config: { publicUrl: 'https://shop.example', devMailbox: false, mailQueued: () => wakes++ },
    });
    const owner = await createOwner(db(), {
      email: 'mail.owner@staff.test',
      name: 'Olive Owner',
      password: 'Velvet-Anchor-Orbit-42',
    });
    const email = 'jorg.unal@staff.test';
    await services.staff.invite(owner.id, {
      name: 'Jörg Ünal',
      email,
      roleId: (await services.staff.listRoles()).find((r) => r.name === 'Support')?.id as string,
    });
    expect(wakes).toBe(1);

    const { log } = capturingLogger();
    const dispatcher = dispatcherOf(db(), smtpTransport(sink.url, FROM), log);
    const before = sink.received.length;
    expect(await dispatcher.runOnce()).toBe(1);
    await dispatcher.stop();

    const delivered = sink.received.slice(before);
    expect(delivered).toHaveLength(1);
    const [envelope] = delivered as [Received];
    expect(envelope.rcptTo).toEqual([email]);
    expect(envelope.mailFrom).toBe('no-reply@bazaar.test');

    const parsed = await PostalMime.parse(envelope.raw);
    expect(parsed.subject).toBe('You are invited to the Bazaar admin');
    expect(parsed.from).toMatchObject({ address: 'no-reply@bazaar.test', name: 'Bazaar' });
    expect(parsed.to).toEqual([expect.objectContaining({ address: email })]);
    expect(parsed.text).toContain('Hello Jörg Ünal');
    expect(parsed.text).toContain('Olive Owner invited you');
    const token = /https:\/\/shop\.example\/admin\/accept-invite\?token=([a-z2-7]{32})\b/.exec(
      parsed.text ?? '',
    )?.[1];
    expect(token).toBeDefined();

    const [row] = await db().select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, lastError: null });
    // The shop keeps no copy of the live link once the mail has left.
    expect(row?.text).toBe(REDACTED_BODY);

    // The link in the delivered mail is the working one.
    await services.auth.acceptInvite(
      { token: token as string, password: 'Quiet-Harbor-Lantern-58' },
      { ip: null, userAgent: null },
    );
    const member = (await services.staff.listStaff()).find((m) => m.email === email);
    expect(member?.invitePending).toBe(false);
  });

  it('sends several messages over one transport, each to its recipient', async () => {
    const mails = [message(), message(), message()];
    await queue(...mails);
    const { log } = capturingLogger();
    const dispatcher = dispatcherOf(db(), smtpTransport(sink.url, FROM), log);
    const before = sink.received.length;
    expect(await dispatcher.runOnce()).toBe(3);
    await dispatcher.stop();
    const delivered = sink.received.slice(before);
    const parsed = await Promise.all(delivered.map((d) => PostalMime.parse(d.raw)));
    expect(parsed.map((p) => p.subject).sort()).toEqual(mails.map((m) => m.subject).sort());
    for (const [i, p] of parsed.entries()) {
      const sent = mails.find((m) => m.subject === p.subject);
      expect(delivered[i]?.rcptTo).toEqual([sent?.to]);
      expect(p.text?.trim()).toBe(sent?.text);
    }
  });
});

describe('failures', () => {
  it('an unreachable SMTP server leaves the mail pending, with the error and a later retry', async () => {
    const [row] = await queue(message());
    const id = row?.id as string;
    const { log, lines } = capturingLogger();
    const failing = dispatcherOf(
      db(),
      smtpTransport(`smtp://127.0.0.1:${await closedPort()}`, FROM),
      log,
    );
    expect(await failing.runOnce()).toBe(1);

    const [failed] = await db()
      .select({
        row: mailOutbox,
        retryInSeconds: sql<number>`extract(epoch from ${mailOutbox.nextAttemptAt} - now())::float8`,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.id, id));
    expect(failed?.row).toMatchObject({
      status: 'pending',
      attempts: 1,
      transport: null,
      sentAt: null,
    });
    expect(failed?.row.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Backoff: 2^attempts × 15 s.
    expect(failed?.retryInSeconds).toBeGreaterThan(20);
    expect(failed?.retryInSeconds).toBeLessThanOrEqual(30);
    expect(lines().some((l) => l.msg === 'mail delivery failed' && l.mailId === id)).toBe(true);

    // Not due again yet.
    expect(await failing.runOnce()).toBe(0);
    await failing.stop();

    // Once due, a working transport delivers it and clears the error.
    await db()
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(mailOutbox.id, id));
    const working = dispatcherOf(db(), devMailboxTransport, log);
    expect(await working.runOnce()).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up after the eighth attempt', async () => {
    const [row] = await queue(message());
    const id = row?.id as string;
    await db().update(mailOutbox).set({ attempts: 7 }).where(eq(mailOutbox.id, id));
    const broken: MailTransport = {
      name: 'smtp',
      keepsBody: false,
      send: async () => {
        throw new Error('550 mailbox unavailable');
      },
      close: () => {},
    };
    const { log } = capturingLogger();
    const dispatcher = dispatcherOf(db(), broken, log);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await rowOf(id)).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: '550 mailbox unavailable',
    });
    expect(await dispatcher.runOnce()).toBe(0);
  });
});

describe('several dispatchers', () => {
  const handles: DbHandle[] = [];
  beforeAll(async () => {
    // Two API instances: separate connection pools on the same outbox.
    for (let i = 0; i < 2; i++)
      handles.push(await createDb({ databaseUrl: app().testDb.url, maxConnections: 2 }));
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });

  it('a dispatcher skips the rows another instance holds instead of waiting for them', async () => {
    const mails = Array.from({ length: 6 }, () => message());
    await db().insert(mailOutbox).values(mails);
    const held = mails.slice(0, 2).map((m) => m.to);
    const sent: string[] = [];
    const transport: MailTransport = {
      name: 'smtp',
      keepsBody: false,
      send: async (mail) => {
        sent.push(mail.to);
      },
      close: () => {},
    };
    const { log } = capturingLogger();
    const other = dispatcherOf((handles[1] as DbHandle).db, transport, log);

    // Another instance is in the middle of claiming two rows: they stay locked meanwhile.
    await (handles[0] as DbHandle).db.transaction(async (tx) => {
      await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(inArray(mailOutbox.to, held))
        .for('update');
      const handled = await Promise.race([
        other.runOnce(),
        sleep(3_000).then(() => 'blocked on locked rows' as const),
      ]);
      expect(handled).toBe(4);
      expect(sent.sort()).toEqual(
        mails
          .slice(2)
          .map((m) => m.to)
          .sort(),
      );
    });
    // Released without being claimed (the holder rolled back or found them not due): sent now.
    expect(await other.runOnce()).toBe(2);
    expect(sent.sort()).toEqual(mails.map((m) => m.to).sort());
  });

  it('running concurrently, they send every message exactly once', async () => {
    const mails = Array.from({ length: 40 }, () => message());
    await db().insert(mailOutbox).values(mails);
    const sent = new Map<string, string[]>();
    const recording = (name: string): MailTransport => ({
      name: 'smtp',
      keepsBody: false,
      async send(mail) {
        await sleep(5);
        sent.set(mail.to, [...(sent.get(mail.to) ?? []), name]);
      },
      close: () => {},
    });
    const { log } = capturingLogger();
    const [a, b] = handles.map((h, i) => dispatcherOf(h.db, recording(`d${i}`), log)) as [
      ReturnType<typeof createMailDispatcher>,
      ReturnType<typeof createMailDispatcher>,
    ];

    // Each claims a batch of 20 and leases it: the other never gets the same rows.
    const first = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(first).toEqual([20, 20]);
    expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([0, 0]);

    expect(sent.size).toBe(40);
    for (const mail of mails) expect(sent.get(mail.to)).toHaveLength(1);
    const byDispatcher = [...sent.values()].flat();
    expect(byDispatcher.filter((d) => d === 'd0')).toHaveLength(20);
    expect(byDispatcher.filter((d) => d === 'd1')).toHaveLength(20);

    const rows = await db().select().from(mailOutbox);
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('many overlapping runs still send each message once', async () => {
    const mails = Array.from({ length: 60 }, () => message());
    await db().insert(mailOutbox).values(mails);
    const counts = new Map<string, number>();
    const transport: MailTransport = {
      name: 'smtp',
      keepsBody: false,
      async send(mail) {
        await sleep(1);
        counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
      },
      close: () => {},
    };
    const { log } = capturingLogger();
    const dispatchers = [...handles, app().testDb.handle].map((h) =>
      dispatcherOf(h.db, transport, log),
    );
    const drain = async (d: (typeof dispatchers)[number]) => {
      let total = 0;
      for (let handled = await d.runOnce(); handled > 0; handled = await d.runOnce())
        total += handled;
      return total;
    };
    const totals = await Promise.all(dispatchers.map(drain));
    expect(totals.reduce((x, y) => x + y, 0)).toBe(60);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });
});
