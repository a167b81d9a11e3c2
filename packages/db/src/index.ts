export {
  type CreateDbOptions,
  createDb,
  type Database,
  type DbHandle,
  migrationsFolder,
  type PoolStats,
} from './client.ts';
export * as schema from './schema/index.ts';
