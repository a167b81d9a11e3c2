export {
  type CreateDbOptions,
  createDb,
  type Database,
  type DbHandle,
  migrationsFolder,
} from './client.ts';
export * as schema from './schema/index.ts';
