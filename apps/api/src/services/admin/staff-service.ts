import {
  AppError,
  type MailMessage,
  notFound,
  type Permission,
  permissions,
  type Role,
  type StaffMember,
  type StaffService,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { mailOutbox, rolePermissions, roles, users } from '@bazaar/db/schema';
import { and, asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { type DbOrTx, isUniqueViolation } from '../../db.ts';
import { issueEmailToken } from '../accounts/email-tokens.ts';
import type { SessionStore } from '../accounts/sessions.ts';
import { getUser } from '../accounts/users.ts';
import type { ServicesConfig } from '../index.ts';
import { staffInviteMail } from '../mail/messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { OWNER_ROLE } from './built-in-roles.ts';
import { assertMayGrant, permissionsOf } from './grants.ts';

const HIDDEN_BODY =
  "(Hidden: this message may carry a link that signs in as its recipient. Only staff holding every permission read other people's mail.)";

const staffColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roleId: roles.id,
  roleName: roles.name,
  deactivatedAt: users.deactivatedAt,
  passwordHash: users.passwordHash,
  totpKey: users.totpKey,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

type StaffRow = {
  id: string;
  email: string;
  name: string;
  roleId: string;
  roleName: string;
  deactivatedAt: Date | null;
  passwordHash: string | null;
  totpKey: string | null;
  createdAt: Date;
  lastSignInAt: Date | null;
};

const toStaffMember = (r: StaffRow): StaffMember => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: { id: r.roleId, name: r.roleName },
  active: r.deactivatedAt === null,
  invitePending: r.passwordHash === null,
  twoFactorEnabled: r.totpKey !== null,
  createdAt: r.createdAt,
  lastSignInAt: r.lastSignInAt,
});

export function createStaffService(
  db: Database,
  sessions: SessionStore,
  config: Pick<ServicesConfig, 'publicUrl' | 'devMailbox' | 'mailQueued'>,
): StaffService {
  const selectStaff = (tx: DbOrTx) =>
    tx.select(staffColumns).from(users).innerJoin(roles, eq(roles.id, users.roleId));

  async function member(tx: DbOrTx, userId: string): Promise<StaffMember> {
    const [row] = await selectStaff(tx).where(and(eq(users.id, userId), eq(users.kind, 'staff')));
    if (!row) throw notFound('Staff member');
    return toStaffMember(row);
  }

  /** The shop must always keep an active Owner who can manage staff. */
  async function assertOwnerRemains(tx: DbOrTx, leavingUserId: string) {
    const [row] = await tx
      .select({ n: count() })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(
        and(eq(roles.name, OWNER_ROLE), isNull(users.deactivatedAt), ne(users.id, leavingUserId)),
      );
    if ((row?.n ?? 0) === 0)
      throw new AppError('PRECONDITION_FAILED', 'The shop needs at least one active Owner');
  }

  const isOwner = async (tx: DbOrTx, userId: string) => {
    const m = await member(tx, userId);
    return m.role.name === OWNER_ROLE && m.active;
  };

  return {
    async listStaff() {
      const rows = await selectStaff(db)
        .where(eq(users.kind, 'staff'))
        .orderBy(asc(users.name), asc(users.id));
      return rows.map(toStaffMember);
    },

    async invite(actorId, input) {
      const { id } = await db
        .transaction(async (tx) => {
          await assertMayGrant(tx, actorId, input.roleId);
          const inviter = await getUser(tx, actorId);
          const [row] = await tx
            .insert(users)
            .values({ kind: 'staff', email: input.email, name: input.name, roleId: input.roleId })
            .returning({ id: users.id });
          const userId = (row as { id: string }).id;
          const token = await issueEmailToken(tx, userId, 'staff-invite', input.email);
          await enqueueMail(
            tx,
            staffInviteMail(config.publicUrl, input.email, input.name, inviter.name, token),
          );
          return { id: userId };
        })
        .catch((error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
          throw new AppError('CONFLICT', 'An account with this email already exists', {
            fieldErrors: { email: ['An account with this email already exists'] },
            appCode: 'EMAIL_TAKEN',
          });
        });
      config.mailQueued();
      return member(db, id);
    },

    changeRole: (actorId, userId, roleId) =>
      db.transaction(async (tx) => {
        // Serialise Owner changes so two demotions cannot both pass the last-Owner check.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff:owners'))`);
        const current = await member(tx, userId);
        await assertMayGrant(tx, actorId, roleId);
        await assertMayGrant(tx, actorId, current.role.id);
        if (current.role.id === roleId) return current;
        if (await isOwner(tx, userId)) await assertOwnerRemains(tx, userId);
        await tx.update(users).set({ roleId, updatedAt: sql`now()` }).where(eq(users.id, userId));
        return member(tx, userId);
      }),

    async deactivate(actorId, userId) {
      if (actorId === userId)
        throw new AppError('PRECONDITION_FAILED', 'You cannot deactivate yourself');
      const result = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff:owners'))`);
        const current = await member(tx, userId);
        await assertMayGrant(tx, actorId, current.role.id);
        if (await isOwner(tx, userId)) await assertOwnerRemains(tx, userId);
        await tx
          .update(users)
          .set({
            deactivatedAt: sql`coalesce(${users.deactivatedAt}, now())`,
            updatedAt: sql`now()`,
          })
          .where(eq(users.id, userId));
        return member(tx, userId);
      });
      await sessions.deleteAllForUser(userId);
      return result;
    },

    reactivate: (actorId, userId) =>
      db.transaction(async (tx) => {
        const current = await member(tx, userId);
        await assertMayGrant(tx, actorId, current.role.id);
        await tx
          .update(users)
          .set({ deactivatedAt: null, updatedAt: sql`now()` })
          .where(eq(users.id, userId));
        return member(tx, userId);
      }),

    async listRoles() {
      // A single-table select renders columns unqualified; inside the subqueries a bare "id" would
      // be the subquery table's own, so the outer role's id is named with its table.
      const roleId = sql`${roles}.${sql.identifier(roles.id.name)}`;
      const rows = await db
        .select({
          id: roles.id,
          name: roles.name,
          description: roles.description,
          requiresTwoFactor: roles.requiresTwoFactor,
          permissions: sql<
            string[]
          >`coalesce((select array_agg(${rolePermissions.permission} order by ${rolePermissions.permission}) from ${rolePermissions} where ${rolePermissions.roleId} = ${roleId}), '{}')`,
          memberCount: sql<number>`(select count(*)::int from ${users} where ${users.roleId} = ${roleId} and ${users.deactivatedAt} is null)`,
        })
        .from(roles)
        .orderBy(asc(roles.createdAt), asc(roles.name));
      return rows.map((r): Role => ({ ...r, permissions: r.permissions as Permission[] }));
    },

    async mailbox(actorId, input): Promise<MailMessage[]> {
      if (!config.devMailbox)
        throw new AppError(
          'PRECONDITION_FAILED',
          'The development mailbox is only kept in demo mode without an SMTP server',
        );
      const viewer = await getUser(db, actorId);
      const held = viewer.roleId ? await permissionsOf(db, viewer.roleId) : new Set<Permission>();
      // Every message may carry a sign-in, reset or invitation link: reading someone else's would
      // let a staff member become them. Only someone who already holds every permission reads
      // other people's mail; everyone else reads their own.
      const readsAll = permissions.every((p) => held.has(p));
      const rows = await db
        .select({
          id: mailOutbox.id,
          to: mailOutbox.to,
          subject: mailOutbox.subject,
          text: mailOutbox.text,
          status: mailOutbox.status,
          createdAt: mailOutbox.createdAt,
        })
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.kind, 'message'),
            ne(mailOutbox.status, 'dropped'),
            input.to ? eq(mailOutbox.to, input.to) : undefined,
          ),
        )
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(input.limit);
      return rows.map((row) => ({
        ...row,
        status: row.status as MailMessage['status'], // dropped requests are filtered out above
        text: readsAll || row.to === viewer.email ? row.text : HIDDEN_BODY,
      }));
    },
  };
}
