import { z } from 'zod';
import { signedIn } from '../context.ts';
import { acceptedSchema } from '../schemas/accounts.ts';
import {
  type AdminCategory,
  type AdminProduct,
  type AdminProductListInput,
  type AdminProductPage,
  adminCategorySchema,
  adminProductListInputSchema,
  adminProductPageSchema,
  adminProductSchema,
  type BulkProductsInput,
  type BulkProductsResult,
  bulkProductsInputSchema,
  bulkProductsResultSchema,
  type CatalogImport,
  type CatalogOverview,
  type CatalogSettings,
  type CatalogSettingsInput,
  type CategoryInput,
  catalogImportIdInputSchema,
  catalogImportSchema,
  catalogOverviewSchema,
  catalogSettingsInputSchema,
  catalogSettingsSchema,
  categoryIdInputSchema,
  categoryInputSchema,
  type MoveCategoryInput,
  moveCategoryInputSchema,
  type ProductInput,
  productIdInputSchema,
  productInputSchema,
  type UpdateCategoryInput,
  type UpdateProductInput,
  updateCategoryInputSchema,
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
  listCategories(): Promise<AdminCategory[]>;
  createCategory(actorId: string, input: CategoryInput): Promise<AdminCategory>;
  updateCategory(actorId: string, input: UpdateCategoryInput): Promise<AdminCategory>;
  /** Reparents and reorders; refused (BAD_REQUEST) when it would put a category inside itself. */
  moveCategory(actorId: string, input: MoveCategoryInput): Promise<AdminCategory[]>;
  /** Refused (CONFLICT) while it holds products or subcategories. */
  deleteCategory(actorId: string, id: string): Promise<void>;
  /** A CSV import's progress and report (imports start with `POST /files/products.csv`). */
  getImport(id: string): Promise<CatalogImport>;
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

  categories: createRouter({
    /** The whole tree, in order: parents before children, siblings by position. */
    list: catalogWrite
      .output(z.array(adminCategorySchema))
      .query(({ ctx }) => ctx.services.catalogAdmin.listCategories()),

    create: catalogWrite
      .input(categoryInputSchema)
      .output(adminCategorySchema)
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.createCategory(signedIn(ctx).userId, input),
      ),

    update: catalogWrite
      .input(updateCategoryInputSchema)
      .output(adminCategorySchema)
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.updateCategory(signedIn(ctx).userId, input),
      ),

    move: catalogWrite
      .input(moveCategoryInputSchema)
      .output(z.array(adminCategorySchema))
      .mutation(({ ctx, input }) =>
        ctx.services.catalogAdmin.moveCategory(signedIn(ctx).userId, input),
      ),

    delete: catalogWrite
      .input(categoryIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.catalogAdmin.deleteCategory(signedIn(ctx).userId, input.id);
        return { accepted: true as const };
      }),
  }),

  imports: createRouter({
    get: catalogWrite
      .input(catalogImportIdInputSchema)
      .output(catalogImportSchema)
      .query(({ ctx, input }) => ctx.services.catalogAdmin.getImport(input.id)),
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
