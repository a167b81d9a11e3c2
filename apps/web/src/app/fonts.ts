import localFont from 'next/font/local';

/*
 * The brand fonts, self-hosted (the CSP allows fonts from this origin only): the @fontsource
 * packages' latin files, cut down by src/fonts/subset.sh (67 → 46 kB). next/font copies the files
 * into the build and declares metric-adjusted fallbacks.
 *
 * `display: 'optional'`: the text paints at once, in the web font when it is already at hand
 * (cached, or arriving within ~0.1 s) and otherwise in the fallback for that page view; the font
 * still loads, so the next page has it. With `swap`, the web font arriving after the first paint
 * re-wrapped the home page's hero and moved everything below it: Lighthouse's CLS was 0.14 (0.085
 * with the heading font preloaded), now 0. Neither font is preloaded, so neither travels ahead of
 * the styles and the largest paint's picture on a slow connection. On a visitor's first page the
 * fonts are not asked for before the first paint at all (src/lib/brand-fonts.ts).
 * globals.css uses them through the `variable`s, which also name the fallbacks. `declarations`
 * keeps the families' real names, so they read as "Inter" and "Fraunces" in the browser.
 */

/**
 * Body text: one variable file (latin) covers the 400–700 weights the UI uses.
 */
export const inter = localFont({
  src: '../fonts/inter-latin-wght-400-700.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'optional',
  declarations: [{ prop: 'font-family', value: 'Inter' }],
  adjustFontFallback: 'Arial',
  preload: false,
  variable: '--font-inter',
});

/**
 * Headings and the logo are only ever semibold, so a single static weight (latin). The home
 * page's heading is its largest paint on phones; preloaded (a `Link` header), this file's 18 kB
 * took a connection and a slow phone's bandwidth ahead of that paint: Lighthouse's LCP for the
 * same page was ~1.15 s with the preload and ~0.85 s without.
 */
export const fraunces = localFont({
  src: '../fonts/fraunces-latin-600.woff2',
  weight: '600',
  style: 'normal',
  display: 'optional',
  declarations: [{ prop: 'font-family', value: 'Fraunces' }],
  adjustFontFallback: 'Times New Roman',
  preload: false,
  variable: '--font-fraunces',
});
