export {
  colourKey,
  demoImageSize,
  escapeXml,
  illustrationFor,
  renderDemoImage,
  titleFromSlug,
} from './art.ts';
export {
  buildDemoRows,
  DEMO_BASE_DATE,
  DEMO_CURRENCIES,
  DEMO_CURRENCY,
  mulberry32,
  type SeedCounts,
  seedDemoCatalog,
  seedDemoIfEmpty,
} from './demo.ts';
export { DEMO_OWNER } from './demo-owner.ts';
export { type LargeSeedOptions, type LargeSeedResult, seedLargeCatalog } from './large.ts';
