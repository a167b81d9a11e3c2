import {
  type Address,
  type AddressInput,
  AppError,
  MAX_ADDRESSES,
  notFound,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { addresses } from '@bazaar/db/schema';
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';

type AddressRow = typeof addresses.$inferSelect;

const toAddress = ({ userId: _u, updatedAt: _t, ...row }: AddressRow): Address => row;

/** Another customer's address id answers NOT_FOUND, exactly like an id that does not exist. */
const ownAddress = (userId: string, id: string) =>
  and(eq(addresses.id, id), eq(addresses.userId, userId));

async function clearDefault(tx: Tx, userId: string, exceptId?: string) {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(
      and(
        eq(addresses.userId, userId),
        eq(addresses.isDefault, true),
        exceptId ? ne(addresses.id, exceptId) : undefined,
      ),
    );
}

export function createAddressBook(db: Database) {
  return {
    async list(userId: string): Promise<Address[]> {
      const rows = await db
        .select()
        .from(addresses)
        .where(eq(addresses.userId, userId))
        .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id));
      return rows.map(toAddress);
    },

    create(userId: string, input: AddressInput): Promise<Address> {
      return db.transaction(async (tx) => {
        // Serialises concurrent creates of one customer so the limit and the single default hold.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`addresses:${userId}`}))`);
        const [existing] = await tx
          .select({ n: count() })
          .from(addresses)
          .where(eq(addresses.userId, userId));
        const n = existing?.n ?? 0;
        if (n >= MAX_ADDRESSES)
          throw new AppError(
            'UNPROCESSABLE_CONTENT',
            `An address book holds at most ${MAX_ADDRESSES} addresses`,
            { appCode: 'LIMIT_REACHED' },
          );
        // The first address becomes the default.
        const isDefault = input.isDefault || n === 0;
        if (isDefault) await clearDefault(tx, userId);
        const [row] = await tx
          .insert(addresses)
          .values({ ...input, isDefault, userId })
          .returning();
        return toAddress(row as AddressRow);
      });
    },

    update(userId: string, id: string, input: AddressInput): Promise<Address> {
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(addresses)
          .where(ownAddress(userId, id))
          .for('update');
        if (!current) throw notFound('Address');
        // Unsetting the default is done by making another address the default.
        const isDefault = input.isDefault || current.isDefault;
        if (isDefault) await clearDefault(tx, userId, id);
        const [row] = await tx
          .update(addresses)
          .set({ ...input, isDefault, updatedAt: sql`now()` })
          .where(ownAddress(userId, id))
          .returning();
        return toAddress(row as AddressRow);
      });
    },

    async delete(userId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [deleted] = await tx.delete(addresses).where(ownAddress(userId, id)).returning();
        if (!deleted) throw notFound('Address');
        if (!deleted.isDefault) return;
        // Keep a default while any address is left: the oldest one takes over.
        const [next] = await tx
          .select({ id: addresses.id })
          .from(addresses)
          .where(eq(addresses.userId, userId))
          .orderBy(asc(addresses.createdAt), asc(addresses.id))
          .limit(1);
        if (next)
          await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
      });
    },

    setDefault(userId: string, id: string): Promise<Address> {
      return db.transaction(async (tx) => {
        const [exists] = await tx
          .select({ id: addresses.id })
          .from(addresses)
          .where(ownAddress(userId, id));
        if (!exists) throw notFound('Address');
        await clearDefault(tx, userId, id);
        const [row] = await tx
          .update(addresses)
          .set({ isDefault: true, updatedAt: sql`now()` })
          .where(ownAddress(userId, id))
          .returning();
        return toAddress(row as AddressRow);
      });
    },
  };
}
