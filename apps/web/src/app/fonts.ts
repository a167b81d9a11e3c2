import localFont from 'next/font/local';

/*
 * The brand fonts, self-hosted (the CSP allows fonts from this origin only): the @fontsource
 * packages' latin files, cut down by src/fonts/subset.sh (67 → 46 kB). next/font copies the files
 * into the build and declares metric-adjusted fallbacks, so swapping in the web font barely
 * moves the text; the text paints at once in the fallback (`swap`).
 * globals.css uses them through the `variable`s, which also name the fallbacks. `declarations`
 * keeps the families' real names, so they read as "Inter" and "Fraunces" in the browser.
 */

/**
 * Body text: one variable file (latin) covers the 400–700 weights the UI uses. Not preloaded:
 * the stylesheet asks for it, so it no longer competes with the heading font, the styles and
 * the largest paint's image on a slow connection.
 */
export const inter = localFont({
  src: '../fonts/inter-latin-wght-400-700.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  declarations: [{ prop: 'font-family', value: 'Inter' }],
  adjustFontFallback: 'Arial',
  preload: false,
  variable: '--font-inter',
});

/**
 * Headings and the logo are only ever semibold, so a single static weight (latin). Preloaded:
 * the home page's heading, its largest paint on phones, is set in it.
 */
export const fraunces = localFont({
  src: '../fonts/fraunces-latin-600.woff2',
  weight: '600',
  style: 'normal',
  display: 'swap',
  declarations: [{ prop: 'font-family', value: 'Fraunces' }],
  adjustFontFallback: 'Times New Roman',
  variable: '--font-fraunces',
});
