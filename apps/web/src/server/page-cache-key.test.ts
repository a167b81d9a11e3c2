import { describe, expect, it } from 'vitest';
import { hasSessionCookie, pageCacheDecision } from './page-cache-key';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const get = (url: string, headers: Record<string, string> = {}) =>
  pageCacheDecision({ method: 'GET', url, headers: { 'user-agent': CHROME, ...headers } });
const keyOf = (url: string, headers: Record<string, string> = {}) => {
  const decision = get(url, headers);
  if (!decision.cacheable) throw new Error(`not cacheable: ${decision.reason}`);
  return decision.key;
};

describe('page cache decision', () => {
  it('caches the public pages, with their query', () => {
    for (const url of ['/', '/c/apparel', '/c/apparel?cursor=abc', '/p/tee', '/search?q=tee']) {
      expect(get(url).cacheable).toBe(true);
    }
    expect(keyOf('/c/apparel?cursor=abc')).not.toBe(keyOf('/c/apparel'));
  });

  it('passes everything else to Next.js', () => {
    for (const url of [
      '/cart',
      '/checkout',
      '/account',
      '/sign-in',
      '/admin',
      '/c/a/b',
      '/p/',
      '/c',
      '/trpc/x',
      '/currency',
      '/orders/lookup',
    ]) {
      expect(get(url).cacheable, url).toBe(false);
    }
    expect(pageCacheDecision({ method: 'POST', url: '/', headers: {} }).cacheable).toBe(false);
    expect(pageCacheDecision({ method: 'HEAD', url: '/', headers: {} }).cacheable).toBe(true);
  });

  it('never caches for a session, draft mode or an authorization', () => {
    for (const cookie of [
      'bazaar_session=abc.def',
      '__Host-bazaar_session=abc.def',
      'bazaar_cart=tok; bazaar_session=abc.def',
      'bazaar_something_new=1',
      '__prerender_bypass=1',
    ]) {
      expect(get('/', { cookie }).cacheable, cookie).toBe(false);
    }
    expect(get('/', { authorization: 'Bearer x' }).cacheable).toBe(false);
  });

  it('keys by the currency cookie, and ignores cookies that do not change pages', () => {
    const eur = keyOf('/', { cookie: 'bazaar_currency=EUR' });
    expect(eur).not.toBe(keyOf('/', { cookie: 'bazaar_currency=USD' }));
    expect(eur).not.toBe(keyOf('/'));
    expect(keyOf('/', { cookie: '_ga=GA1.1; bazaar_device=x; bazaar_currency=EUR' })).toBe(eur);
    // A guest with a cart gets the same page as anyone: the header's count is fetched later.
    expect(keyOf('/', { cookie: 'bazaar_cart=tok; bazaar_currency=EUR' })).toBe(eur);
    expect(keyOf('/p/x', { cookie: 'other=1; __Host-bazaar_cart=tok' })).toBe(keyOf('/p/x'));
    expect(get('/', { cookie: 'bazaar_currency=<script>' }).cacheable).toBe(false);
    expect(get('/', { cookie: 'bazaar_currency=EUR; bazaar_currency=USD' }).cacheable).toBe(false);
  });

  it('keys client-side navigations (RSC) apart from documents and from each other', () => {
    const doc = keyOf('/c/apparel');
    const nav = keyOf('/c/apparel?_rsc=1', { rsc: '1', 'next-router-state-tree': '%5B%5D' });
    const prefetch = keyOf('/c/apparel?_rsc=1', { rsc: '1', 'next-router-prefetch': '1' });
    const sameUrlOtherTree = keyOf('/c/apparel?_rsc=1', {
      rsc: '1',
      'next-router-state-tree': 'x',
    });
    expect(new Set([doc, nav, prefetch, sameUrlOtherTree]).size).toBe(4);
    expect(keyOf('/c/apparel', { rsc: '1' })).not.toBe(doc);
  });

  it('keys bots apart (Next.js renders metadata differently for them)', () => {
    expect(keyOf('/', { 'user-agent': 'Googlebot/2.1' })).not.toBe(keyOf('/'));
    expect(keyOf('/', { 'user-agent': 'facebookexternalhit/1.1' })).not.toBe(keyOf('/'));
    expect(keyOf('/', { 'user-agent': 'Mozilla/5.0 Firefox/130.0' })).toBe(keyOf('/'));
  });
});

describe('session cookie', () => {
  it('is found with or without the __Host- prefix, and assumed when cookies are malformed', () => {
    expect(hasSessionCookie(undefined)).toBe(false);
    expect(hasSessionCookie('bazaar_cart=1; bazaar_currency=EUR')).toBe(false);
    expect(hasSessionCookie('a=1; __Host-bazaar_session=x')).toBe(true);
    expect(hasSessionCookie('bazaar_session=x')).toBe(true);
    expect(hasSessionCookie('=x')).toBe(true);
  });
});
