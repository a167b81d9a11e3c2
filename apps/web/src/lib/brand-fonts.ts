/**
 * Brand fonts that never hold up a first visit's first paint.
 *
 * With `font-display: optional` (src/app/fonts.ts) a page waits up to 0.1 s for a font it has
 * asked for. A phone on a slow connection never gets it in time and paints in the fallback; a fast
 * connection gets it within that wait, and the paint waits for it. Lighthouse, which loads the page
 * unthrottled and then simulates a slow phone, counts the fonts before the paint then (~0.4 s of
 * its LCP). So on a visitor's first page the inline script in the head (scripts-after-paint.ts)
 * shows the fallbacks (`fonts-later` on <html>: metric-matched, so nothing moves), and after the
 * first paint it fetches the font files into the HTTP cache. The fonts come in at the next
 * navigation (BrandFontsOnNavigation), where a layout change follows the visitor's click, and on
 * every later page load at once (from the cache; remembered in localStorage).
 */
export const FONTS_LATER_CLASS = 'fonts-later';
/** Set on <html> once the font files are in the HTTP cache. */
export const FONTS_READY_ATTRIBUTE = 'data-fonts-ready';
const REMEMBERED = 'bazaar-fonts';

/**
 * ES5 for the inline script: an expression that, run in the head, marks a first visit's page and
 * gives the function to call after its first paint (a no-op on later visits). The font files are
 * the `url()`s of the stylesheets' @font-face rules (next/font names them by content hash).
 */
export function brandFontsScript(): string {
  const s = JSON.stringify;
  return (
    `(function(){var h=document.documentElement,later=false;` +
    `try{later=!localStorage.getItem(${s(REMEMBERED)})}catch(e){}` +
    `if(!later)return function(){};h.classList.add(${s(FONTS_LATER_CLASS)});` +
    `return function(){var u=[],l=document.styleSheets;for(var i=0;i<l.length;i++){var r;` +
    `try{r=l[i].cssRules}catch(e){continue}for(var j=0;j<r.length;j++){` +
    `var m=r[j].type===5&&/url\\(["']?([^"')]+)/.exec(r[j].style.getPropertyValue("src"));` +
    `if(m)u.push(new URL(m[1],l[i].href||location.href).href)}}` +
    `Promise.all(u.map(function(x){return fetch(x,{priority:"low"}).then(function(r){` +
    `if(!r.ok)throw r;return r.arrayBuffer()})})).then(function(){` +
    `try{localStorage.setItem(${s(REMEMBERED)},"1")}catch(e){}` +
    `h.setAttribute(${s(FONTS_READY_ATTRIBUTE)},"")},function(){})}})()`
  );
}
