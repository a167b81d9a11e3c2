import { z } from 'zod';
import { signedIn } from '../context.ts';
import { acceptedSchema } from '../schemas/accounts.ts';
import {
  type DiscountCode,
  type DiscountCodeRequest,
  discountCodeInputSchema,
  discountCodeSchema,
  type PricesIncludeTax,
  pricesIncludeTaxSchema,
  type ShippingMethod,
  type ShippingMethodRequest,
  settingsIdInputSchema,
  shippingMethodInputSchema,
  shippingMethodSchema,
  type TaxRate,
  type TaxRateRequest,
  type TaxSettings,
  taxRateInputSchema,
  taxRateSchema,
  taxSettingsSchema,
} from '../schemas/shop-settings.ts';
import { createRouter, staffProcedure } from '../trpc.ts';

/**
 * Checkout settings for staff: shipping methods and rates, tax rates and whether prices include
 * tax, discount codes. `actorId` is the staff member making the change. A save with an `id`
 * replaces that row (NOT_FOUND when it is gone); without one it creates a row.
 */
export interface ShopSettingsService {
  /** In the order checkout offers them (position, then name). */
  listShippingMethods(): Promise<ShippingMethod[]>;
  /** The method and all its rates at once; a currency the shop does not sell in is a field error. */
  saveShippingMethod(actorId: string, input: ShippingMethodRequest): Promise<ShippingMethod>;
  /** Orders keep the method's name and price (their reference is set to null). */
  deleteShippingMethod(actorId: string, id: string): Promise<void>;

  taxSettings(): Promise<TaxSettings>;
  /** CONFLICT with a field error when the country (and region) already has a rate. */
  saveTaxRate(actorId: string, input: TaxRateRequest): Promise<TaxRate>;
  deleteTaxRate(actorId: string, id: string): Promise<void>;
  setPricesIncludeTax(actorId: string, input: PricesIncludeTax): Promise<PricesIncludeTax>;

  /** Newest first, with the uses taken and the orders that used each. */
  listDiscountCodes(): Promise<DiscountCode[]>;
  /**
   * CONFLICT with a field error when another code has the same text; a usage limit below the
   * uses already taken is a field error.
   */
  saveDiscountCode(actorId: string, input: DiscountCodeRequest): Promise<DiscountCode>;
  /**
   * Only a code no order used. `orders.discount_code_id` is ON DELETE SET NULL, so the database
   * would let a used code go, but its per-customer uses would go with it (a re-created
   * "WELCOME10" could be used again by everyone) and a pending order could no longer give its use
   * back. A used code is refused with CONFLICT: deactivate it (save with `active: false`) instead.
   */
  deleteDiscountCode(actorId: string, id: string): Promise<void>;
}

const settingsWrite = staffProcedure('settings:write');

export const shopSettingsRouter = createRouter({
  shipping: createRouter({
    list: settingsWrite
      .output(z.array(shippingMethodSchema))
      .query(({ ctx }) => ctx.services.shopSettings.listShippingMethods()),

    save: settingsWrite
      .input(shippingMethodInputSchema)
      .output(shippingMethodSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.shopSettings.saveShippingMethod(signedIn(ctx).userId, input),
      ),

    delete: settingsWrite
      .input(settingsIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.shopSettings.deleteShippingMethod(signedIn(ctx).userId, input.id);
        return { accepted: true as const };
      }),
  }),

  tax: createRouter({
    list: settingsWrite
      .output(taxSettingsSchema)
      .query(({ ctx }) => ctx.services.shopSettings.taxSettings()),

    save: settingsWrite
      .input(taxRateInputSchema)
      .output(taxRateSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.shopSettings.saveTaxRate(signedIn(ctx).userId, input),
      ),

    delete: settingsWrite
      .input(settingsIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.shopSettings.deleteTaxRate(signedIn(ctx).userId, input.id);
        return { accepted: true as const };
      }),

    setPricesIncludeTax: settingsWrite
      .input(pricesIncludeTaxSchema)
      .output(pricesIncludeTaxSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.shopSettings.setPricesIncludeTax(signedIn(ctx).userId, input),
      ),
  }),

  discounts: createRouter({
    list: settingsWrite
      .output(z.array(discountCodeSchema))
      .query(({ ctx }) => ctx.services.shopSettings.listDiscountCodes()),

    save: settingsWrite
      .input(discountCodeInputSchema)
      .output(discountCodeSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.shopSettings.saveDiscountCode(signedIn(ctx).userId, input),
      ),

    /** Refused (CONFLICT) once an order used the code: deactivate it instead (see the service). */
    delete: settingsWrite
      .input(settingsIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.shopSettings.deleteDiscountCode(signedIn(ctx).userId, input.id);
        return { accepted: true as const };
      }),
  }),
});
