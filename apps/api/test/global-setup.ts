import { seedDemoCatalog } from '@bazaar/db/seed';
import { createTemplateDatabase, dropDatabase } from '@bazaar/db/testing';
import type { TestProject } from 'vitest/node';
import { ensureBuiltInRoles } from '../src/services/admin/built-in-roles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database holding the built-in roles and the demo catalog, cloned by each test file. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = await createTemplateDatabase(async (handle) => {
    await ensureBuiltInRoles(handle.db);
    await seedDemoCatalog(handle.db);
  });
  project.provide('demoTemplate', template);
  return () => dropDatabase(template);
}
