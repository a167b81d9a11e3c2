import type { Services } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { createCatalogService } from './catalog/catalog-service.ts';

export function createServices(db: Database): Services {
  return {
    catalog: createCatalogService(db),
  };
}
