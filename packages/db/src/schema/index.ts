export * from './accounts.ts';
export * from './cart.ts';
export * from './catalog.ts';
export * from './inventory.ts';
export * from './mail.ts';
export * from './pricing.ts';
export * from './settings.ts';
export * from './staff.ts';
