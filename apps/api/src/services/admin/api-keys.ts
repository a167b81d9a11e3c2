import {
  type ApiKey,
  type ApiKeyService,
  AppError,
  notFound,
  type Permission,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { apiKeys, rolePermissions, roles, users } from '@bazaar/db/schema';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import { hashesEqual, randomSecret, sha256Hex } from '../../security/secrets.ts';
import { assertMayGrant } from './grants.ts';

const DAY_MS = 86_400_000;
/** `lastUsedAt` is written at most this often per key. */
const LAST_USED_INTERVAL = '1 minute';
const TOKEN_PATTERN = /^bzk_([a-z2-7]{16})\.([a-z2-7]{32})$/;
/** A program never manages staff or keys, whatever its role grants. */
const NEVER_FOR_KEYS: Permission = 'staff:manage';

/** What a valid key lets its program do. */
export interface ApiKeyCaller {
  keyId: string;
  /** The staff member who made the key: its actions are theirs. */
  userId: string;
  permissions: Permission[];
}

export interface ApiKeys extends ApiKeyService {
  /** The caller a bearer token names, or null when it is not a live key. */
  authenticate(token: string): Promise<ApiKeyCaller | null>;
}

const prefixOf = (id: string) => `bzk_${id.slice(0, 8)}`;

export function createApiKeys(db: Database, now: () => Date = () => new Date()): ApiKeys {
  const creators = sql`creator`;
  async function read(tx: DbOrTx, where: ReturnType<typeof eq> | undefined): Promise<ApiKey[]> {
    const rows = await tx
      .select({
        key: apiKeys,
        roleName: roles.name,
        creatorName: sql<string>`${creators}.name`,
      })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .innerJoin(sql`${users} as ${creators}`, sql`${creators}.id = ${apiKeys.createdBy}`)
      .where(where)
      .orderBy(desc(apiKeys.createdAt), apiKeys.id);
    return rows.map(({ key, roleName, creatorName }) => ({
      id: key.id,
      name: key.name,
      prefix: prefixOf(key.id),
      role: { id: key.roleId, name: roleName },
      createdBy: { id: key.createdBy, name: creatorName },
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
    }));
  }

  async function one(tx: DbOrTx, id: string): Promise<ApiKey> {
    const [key] = await read(tx, eq(apiKeys.id, id));
    if (!key) throw notFound('API key');
    return key;
  }

  return {
    list: () => read(db, undefined),

    async create(actorId, input) {
      return db.transaction(async (tx) => {
        const granted = await assertMayGrant(tx, actorId, input.roleId);
        if (granted.has(NEVER_FOR_KEYS))
          throw new AppError('BAD_REQUEST', 'API keys cannot manage staff or keys', {
            fieldErrors: { roleId: [`Choose a role without ${NEVER_FOR_KEYS}`] },
          });
        const id = randomSecret(10);
        const secret = randomSecret();
        const at = now();
        await tx.insert(apiKeys).values({
          id,
          secretHash: sha256Hex(secret),
          name: input.name,
          roleId: input.roleId,
          createdBy: actorId,
          createdAt: at,
          expiresAt: input.expiresInDays
            ? new Date(at.getTime() + input.expiresInDays * DAY_MS)
            : null,
        });
        return { key: await one(tx, id), token: `bzk_${id}.${secret}` };
      });
    },

    async revoke(actorId, id) {
      await db
        .update(apiKeys)
        .set({
          revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())`,
          revokedBy: sql`coalesce(${apiKeys.revokedBy}, ${actorId}::uuid)`,
        })
        .where(eq(apiKeys.id, id));
      return one(db, id);
    },

    async authenticate(token) {
      const match = TOKEN_PATTERN.exec(token);
      if (!match) return null;
      const [, id, secret] = match as unknown as [string, string, string];
      const [row] = await db
        .select({
          secretHash: apiKeys.secretHash,
          userId: apiKeys.createdBy,
          expiresAt: apiKeys.expiresAt,
          revokedAt: apiKeys.revokedAt,
          deactivatedAt: users.deactivatedAt,
          // The key's role's permissions that its maker still holds: a maker moved to a smaller
          // role takes their keys down with them.
          permissions: sql<string[] | null>`(
            select array_agg(kp.permission) from ${rolePermissions} kp
            where kp.role_id = ${apiKeys.roleId}
              and exists (select 1 from ${rolePermissions} mp
                          where mp.role_id = ${users.roleId} and mp.permission = kp.permission))`,
        })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.createdBy))
        .where(eq(apiKeys.id, id));
      if (!row || !hashesEqual(sha256Hex(secret), row.secretHash)) return null;
      const at = now();
      if (row.revokedAt || row.deactivatedAt || (row.expiresAt && row.expiresAt <= at)) return null;
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(
          sql`${apiKeys.id} = ${id} and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < ${at.toISOString()}::timestamptz - interval '${sql.raw(LAST_USED_INTERVAL)}')`,
        );
      return {
        keyId: id,
        userId: row.userId,
        permissions: ((row.permissions ?? []) as Permission[]).filter((p) => p !== NEVER_FOR_KEYS),
      };
    },
  };
}
