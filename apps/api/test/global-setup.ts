import { seedDemoCatalog } from '@bazaar/db/seed';
import { createTemplateDatabase, dropDatabase } from '@bazaar/db/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database holding the demo catalog, cloned by each test file. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = await createTemplateDatabase((handle) => seedDemoCatalog(handle.db));
  project.provide('demoTemplate', template);
  return () => dropDatabase(template);
}
