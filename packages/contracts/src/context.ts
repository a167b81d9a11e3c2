import type { Category, ProductDetail, ProductListInput, ProductPage } from './schemas/catalog.ts';

/** Who is calling. Filled in by the API from the session; procedures declare which actors they accept. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'customer'; userId: string }
  | { kind: 'staff'; userId: string; permissions: ReadonlySet<string> };

export interface CatalogService {
  listCategories(): Promise<Category[]>;
  listProducts(input: ProductListInput): Promise<ProductPage>;
  productBySlug(slug: string): Promise<ProductDetail>;
}

/** Everything the router needs from the server. The API implements these; the contract never sees how. */
export interface Services {
  catalog: CatalogService;
}

export interface Context {
  requestId: string;
  actor: Actor;
  services: Services;
}
