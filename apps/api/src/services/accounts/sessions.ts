import type { ClientInfo, IssuedSession, Permission } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { rolePermissions, roles, sessions, users } from '@bazaar/db/schema';
import { and, eq, ne, sql } from 'drizzle-orm';
import { hashesEqual, randomSecret, sha256Hex } from '../../security/secrets.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Inactivity and absolute lifetimes. `refreshInterval` bounds how often `lastVerifiedAt` (and the
 * sliding expiry) is written: at most once per interval per session.
 */
export const sessionPolicies = {
  customer: { idle: 30 * DAY, absolute: null, refreshInterval: HOUR },
  staff: { idle: 30 * MINUTE, absolute: 12 * HOUR, refreshInterval: MINUTE },
} as const;

type UserKind = keyof typeof sessionPolicies;

const TOKEN_PATTERN = /^([a-z2-7]{32})\.([a-z2-7]{32})$/;

export interface ValidatedSession {
  id: string;
  userId: string;
  kind: UserKind;
  secondFactorVerified: boolean;
  expiresAt: Date;
  /** When the cookie should expire: see `cookieExpiry`. */
  cookieExpiresAt: Date;
  /** True when this validation extended the session; the cookie must be re-sent. */
  refreshed: boolean;
  totpEnabled: boolean;
  roleRequiresTwoFactor: boolean;
  permissions: Permission[];
}

export interface SessionStore {
  create(
    userId: string,
    kind: UserKind,
    options: { secondFactorVerified: boolean; client: ClientInfo },
  ): Promise<IssuedSession & { id: string }>;
  validate(token: string): Promise<ValidatedSession | null>;
  delete(sessionId: string): Promise<void>;
  deleteAllForUser(userId: string, exceptSessionId?: string): Promise<number>;
  markSecondFactorVerified(sessionId: string): Promise<void>;
}

/**
 * The database decides expiry; the cookie only has to outlive the session. Staff cookies last
 * until the absolute end, so a refresh the browser never sees (a call made by the web app's server
 * during rendering, whose Set-Cookie cannot reach the browser) cannot end an active session early.
 */
const cookieExpiry = (idleExpiresAt: Date, absoluteExpiresAt: Date | null) =>
  absoluteExpiresAt ?? idleExpiresAt;

const truncate = (value: string | null, max: number) => (value ? value.slice(0, max) : null);

export function createSessionStore(db: Database, now: () => Date = () => new Date()): SessionStore {
  return {
    async create(userId, kind, { secondFactorVerified, client }) {
      // Lucia's design: a public id to look the row up, and a secret of which only a hash is kept.
      const id = randomSecret();
      const secret = randomSecret();
      const policy = sessionPolicies[kind];
      const at = now();
      const absoluteExpiresAt = policy.absolute ? new Date(at.getTime() + policy.absolute) : null;
      const expiresAt = new Date(at.getTime() + policy.idle);
      await db.insert(sessions).values({
        id,
        secretHash: sha256Hex(secret),
        userId,
        secondFactorVerified,
        ip: truncate(client.ip, 64),
        userAgent: truncate(client.userAgent, 512),
        createdAt: at,
        lastVerifiedAt: at,
        expiresAt,
        absoluteExpiresAt,
      });
      return {
        id,
        token: `${id}.${secret}`,
        expiresAt: cookieExpiry(expiresAt, absoluteExpiresAt),
      };
    },

    async validate(token) {
      const match = TOKEN_PATTERN.exec(token);
      if (!match) return null;
      const [, id, secret] = match as unknown as [string, string, string];
      const [row] = await db
        .select({
          session: sessions,
          kind: users.kind,
          deactivatedAt: users.deactivatedAt,
          totpKey: users.totpKey,
          roleRequiresTwoFactor: roles.requiresTwoFactor,
          permissions: sql<
            string[] | null
          >`(select array_agg(${rolePermissions.permission}) from ${rolePermissions} where ${rolePermissions.roleId} = ${users.roleId})`,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(roles, eq(roles.id, users.roleId))
        .where(eq(sessions.id, id));
      if (!row || !hashesEqual(sha256Hex(secret), row.session.secretHash)) return null;

      const { session } = row;
      const at = now();
      const expired =
        session.expiresAt <= at || (session.absoluteExpiresAt && session.absoluteExpiresAt <= at);
      if (expired || row.deactivatedAt) {
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }

      const policy = sessionPolicies[row.kind];
      let { expiresAt } = session;
      let refreshed = false;
      if (at.getTime() - session.lastVerifiedAt.getTime() >= policy.refreshInterval) {
        const idleEnd = at.getTime() + policy.idle;
        expiresAt = new Date(
          session.absoluteExpiresAt
            ? Math.min(idleEnd, session.absoluteExpiresAt.getTime())
            : idleEnd,
        );
        await db.update(sessions).set({ lastVerifiedAt: at, expiresAt }).where(eq(sessions.id, id));
        refreshed = true;
      }
      return {
        id,
        userId: session.userId,
        kind: row.kind,
        secondFactorVerified: session.secondFactorVerified,
        expiresAt,
        cookieExpiresAt: cookieExpiry(expiresAt, session.absoluteExpiresAt),
        refreshed,
        totpEnabled: row.totpKey !== null,
        roleRequiresTwoFactor: row.roleRequiresTwoFactor ?? false,
        permissions: (row.permissions ?? []) as Permission[],
      };
    },

    async delete(sessionId) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async markSecondFactorVerified(sessionId) {
      await db
        .update(sessions)
        .set({ secondFactorVerified: true })
        .where(eq(sessions.id, sessionId));
    },

    async deleteAllForUser(userId, exceptSessionId) {
      const deleted = await db
        .delete(sessions)
        .where(
          exceptSessionId
            ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
            : eq(sessions.userId, userId),
        )
        .returning({ id: sessions.id });
      return deleted.length;
    },
  };
}
