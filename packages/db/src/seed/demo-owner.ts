/**
 * Known credentials of the demo shop's Owner, seeded in demo mode and printed by `pnpm start`.
 * Demo mode is refused in production, so these never guard a real shop.
 */
export const DEMO_OWNER = {
  email: 'owner@bazaar.test',
  password: 'bazaar-owner-demo',
  name: 'Demo Owner',
} as const;
