import { signedIn } from '../context.ts';
import {
  type AdminProduct,
  type AdminProductListInput,
  type AdminProductPage,
  adminProductListInputSchema,
  adminProductPageSchema,
  adminProductSchema,
  type BulkProductsInput,
  type BulkProductsResult,
  bulkProductsInputSchema,
  bulkProductsResultSchema,
  type CatalogOverview,
  type CatalogSettings,
  type CatalogSettingsInput,
  catalogOverviewSchema,
  catalogSettingsInputSchema,
  catalogSettingsSchema,
  type ProductInput,
  productIdInputSchema,
  productInputSchema,
  type UpdateProductInput,
  updateProductInputSchema,
} from '../schemas/catalog-admin.ts';
import { createRouter, staffProcedure } from '../trpc.ts';

/** Catalog management for staff. `actorId` is the staff member making the change. */
export interface CatalogAdminService {
  listProducts(input: AdminProductListInput): Promise<AdminProductPage>;
  getProduct(id: string): Promise<AdminProduct>;
  createProduct(actorId: string, input: ProductInput): Promise<AdminProduct>;
  /** Refused with CONFLICT when someone saved the product after `input.version` was loaded. */
  updateProduct(actorId: string, input: UpdateProductInput): Promise<AdminProduct>;
  bulkProducts(actorId: string, input: BulkProductsInput): Promise<BulkProductsResult>;
  settings(): Promise<CatalogSettings>;
  updateSettings(actorId: string, input: CatalogSettingsInput): Promise<CatalogSettings>;
  overview(): Promise<CatalogOverview>;
}

const catalogWrite = staffProcedure('catalog:write');

export const catalogAdminRouter = createRouter({
  products: createRouter({
    list: catalogWrite
      .input(adminProductListInputSchema)
      .output(adminProductPageSchema)
      .query(({ ctx, input }) => ctx.services.catalogAdmin.listProducts(input)),

    get: catalogWrite
      .input(productIdInputSchema)
      .output(adminProductSchema)
      .query(({ ctx, input }) => ctx.services.catalogAdmin.getProduct(input.id)),

    create: catalogWrite
      .input(productInputSchema)
      .output(adminProductSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.createProduct(signedIn(ctx).userId, input),
      ),

    update: catalogWrite
      .input(updateProductInputSchema)
      .output(adminProductSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.updateProduct(signedIn(ctx).userId, input),
      ),

    /** Publish, return to draft, archive or delete many products at once. */
    bulk: catalogWrite
      .input(bulkProductsInputSchema)
      .output(bulkProductsResultSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.bulkProducts(signedIn(ctx).userId, input),
      ),
  }),

  settings: catalogWrite
    .output(catalogSettingsSchema)
    .query(({ ctx }) => ctx.services.catalogAdmin.settings()),

  updateSettings: catalogWrite
    .input(catalogSettingsInputSchema)
    .output(catalogSettingsSchema)
    .mutation(({ ctx, input }) =>
      ctx.services.catalogAdmin.updateSettings(signedIn(ctx).userId, input),
    ),

  /** Any staff member sees the dashboard's figures. */
  overview: staffProcedure(null)
    .output(catalogOverviewSchema)
    .query(({ ctx }) => ctx.services.catalogAdmin.overview()),
});
