/**
 * Starts a cached page's Next.js scripts only once the page has painted.
 *
 * A storefront page is readable and its links work as soon as its HTML, stylesheet and fonts
 * arrive; React's ~180 kB of script only makes it interactive (forms stay disabled until then).
 * Next.js starts that script at once (`<script async>` and a preload link), so on a slow phone
 * connection it competes with the stylesheet, fonts and pictures for the first paint. Here the
 * script tags are replaced by one inline loader that adds them once the first contentful paint is
 * on screen (at the latest 5 s after the page started, in case it never paints: a tab opened in
 * the background does not). Lighthouse counts every request that started before the largest
 * paint towards LCP; this keeps the scripts out of it.
 *
 * The inline payload (`self.__next_f.push(…)`) stays where it is: the scripts read it when they
 * run, as they do when they arrive late anyway. Scripts the loader adds are allowed by the CSP's
 * 'strict-dynamic' (the loader carries the page's nonce). On a visitor's first page the same
 * script holds the brand fonts back until after the paint (src/lib/brand-fonts.ts).
 */

import { brandFontsScript } from '../lib/brand-fonts.ts';

const NEXT_SCRIPT = /<script src="(\/_next\/static\/[^"<>]+\.js)"([^<>]*)><\/script>/g;
const NEXT_SCRIPT_PRELOAD =
  /<link rel="preload" as="script"[^<>]*href="\/_next\/static\/[^"<>]+\.js"[^<>]*\/>/g;
const NONCE = /\bnonce="([^"]*)"/;
/** When the loader adds the scripts even without a paint. */
const AT_THE_LATEST_MS = 5000;

export function scriptsAfterPaint(html: string): string {
  const sources: string[] = [];
  let nonce: string | undefined;
  let out = html.replace(NEXT_SCRIPT, (tag, src: string, attributes: string) => {
    // `noModule` scripts are for browsers without modules, which never paint with us anyway.
    if (!/\basync=""/.test(attributes)) return tag;
    sources.push(src);
    nonce ??= NONCE.exec(attributes)?.[1];
    return '';
  });
  if (sources.length === 0) return html;
  out = out.replace(NEXT_SCRIPT_PRELOAD, '');
  const at = out.indexOf('</head>');
  const loader = loaderScript(sources, nonce);
  return at === -1 ? `${loader}${out}` : `${out.slice(0, at)}${loader}${out.slice(at)}`;
}

function loaderScript(sources: string[], nonce: string | undefined): string {
  const attribute = nonce === undefined ? '' : ` nonce="${nonce}"`;
  // The first contentful paint is reported once its frame is on screen, which can be well after
  // the main thread painted it. requestAnimationFrame then runs before the next frame's paint,
  // and the timeout after it. A browser without paint timing waits for `load` instead. The last
  // resort adds them directly: a hidden tab runs no animation frames.
  const code =
    `(function(s,f){var a=0,d=0;function add(){if(a)return;a=1;s.forEach(function(u){` +
    `var e=document.createElement("script");e.src=u;e.async=true;document.head.appendChild(e)});f()}` +
    `function go(){if(d)return;d=1;requestAnimationFrame(function(){setTimeout(add,0)})}` +
    `var P=window.PerformanceObserver;if(P&&P.supportedEntryTypes&&` +
    `P.supportedEntryTypes.indexOf("paint")>=0)new P(function(x,o){` +
    `if(x.getEntriesByName("first-contentful-paint").length){o.disconnect();go()}})` +
    `.observe({type:"paint",buffered:true});` +
    `else if(document.readyState==="complete")go();else addEventListener("load",go);` +
    `setTimeout(add,${AT_THE_LATEST_MS})})` +
    `(${JSON.stringify(sources).replaceAll('<', '\\u003c')},${brandFontsScript()})`;
  return `<script${attribute}>${code}</script>`;
}
