import localFont from 'next/font/local';

/*
 * The brand fonts, self-hosted from the @fontsource packages (the CSP allows fonts from this
 * origin only). next/font copies the files into the build, preloads them and declares
 * metric-adjusted fallbacks, so swapping in the web font barely moves the text.
 * globals.css uses them through the `variable`s, which also name the fallbacks. `declarations`
 * keeps the families' real names, so they read as "Inter" and "Fraunces" in the browser.
 */

/** Body text: one variable file (latin) covers the 400–700 weights the UI uses. */
export const inter = localFont({
  src: '../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  style: 'normal',
  display: 'swap',
  declarations: [{ prop: 'font-family', value: 'Inter' }],
  adjustFontFallback: 'Arial',
  variable: '--font-inter',
});

/** Headings and the logo are only ever semibold, so a single static weight (latin). */
export const fraunces = localFont({
  src: '../../node_modules/@fontsource/fraunces/files/fraunces-latin-600-normal.woff2',
  weight: '600',
  style: 'normal',
  display: 'swap',
  declarations: [{ prop: 'font-family', value: 'Fraunces' }],
  adjustFontFallback: 'Times New Roman',
  variable: '--font-fraunces',
});
