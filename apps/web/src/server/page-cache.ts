import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import {
  acceptsGzip,
  type CachedPage,
  type RenderedPage,
  sendCopy,
  toCachedPage,
} from './cached-page.ts';
import { type CacheDecision, pageCacheDecision, type RequestLike } from './page-cache-key.ts';

/**
 * The storefront's page cache, in front of Next.js in the web server. Anonymous visitors of the
 * public pages share renderings: a page younger than `freshMs` is served as it is; up to
 * `freshMs + staleMs` it is served while one background render replaces it; older, or never
 * rendered, the visitor waits for a render that every visitor of the same key waiting at that
 * moment shares (50 concurrent misses make one render). So what anyone sees was rendered at most
 * `freshMs + staleMs` ago. A render that must not be kept (not a 200, a Set-Cookie) makes the key
 * pass to Next.js for `freshMs` ("hit for pass"), so such pages are not rendered twice each.
 * Renders are made by `render` (a request to this server, see page-fill.ts), never from the
 * visitor's own request, so they never see anyone's cookies but the currency's.
 */

export interface PageCacheOptions {
  maxBytes: number;
  freshMs: number;
  staleMs: number;
  render: (
    req: RequestLike,
    decision: Extract<CacheDecision, { cacheable: true }>,
  ) => Promise<RenderedPage | null>;
  now?: () => number;
}

type Entry =
  | { kind: 'page'; page: CachedPage; renderedAt: number }
  | { kind: 'pass'; until: number };

export type CacheState = 'HIT' | 'STALE' | 'MISS' | 'PASS' | 'BYPASS';

export class PageCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #rendering = new Map<string, Promise<CachedPage | null>>();
  readonly #options: PageCacheOptions;
  readonly #now: () => number;
  readonly #maxEntryBytes: number;
  readonly stats = { HIT: 0, STALE: 0, MISS: 0, PASS: 0, BYPASS: 0, renders: 0 };

  constructor(options: PageCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // A page larger than an eighth of the cache would evict too much; it is passed instead.
    this.#maxEntryBytes = Math.max(1, Math.floor(options.maxBytes / 8));
    this.#entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      maxEntrySize: this.#maxEntryBytes,
      sizeCalculation: (entry) => (entry.kind === 'page' ? entry.page.byteLength : 64),
    });
  }

  /** Answers from the cache, or calls `next` to let Next.js answer. */
  async serve(req: IncomingMessage, res: ServerResponse, next: () => unknown): Promise<void> {
    const decision = pageCacheDecision(req);
    if (!decision.cacheable) return this.#pass(res, 'BYPASS', next);
    const now = this.#now();
    const entry = this.#entries.get(decision.key);
    if (entry?.kind === 'pass' && now < entry.until) return this.#pass(res, 'PASS', next);
    if (entry?.kind === 'page') {
      const age = now - entry.renderedAt;
      if (age < this.#options.freshMs) return this.#send(req, res, entry.page, 'HIT');
      if (age < this.#options.freshMs + this.#options.staleMs) {
        void this.#refresh(req, decision);
        return this.#send(req, res, entry.page, 'STALE');
      }
    }
    const page = await this.#refresh(req, decision);
    if (page) return this.#send(req, res, page, 'MISS');
    return this.#pass(res, 'PASS', next);
  }

  /** Starts a render of the key unless one is under way; resolves with what it stored. */
  #refresh(req: RequestLike, decision: Extract<CacheDecision, { cacheable: true }>) {
    const running = this.#rendering.get(decision.key);
    if (running) return running;
    const startedAt = this.#now();
    this.stats.renders++;
    const rendering = this.#options
      .render(req, decision)
      .catch((error: unknown) => {
        console.error('Bazaar web: rendering a page for the cache failed', error);
        return null;
      })
      .then((rendered) => {
        const found = rendered ? toCachedPage(rendered).page : null;
        const page = found && found.byteLength <= this.#maxEntryBytes ? found : null;
        // Ages count from the render's start: it read the catalog after that moment.
        if (page) {
          this.#entries.set(decision.key, { kind: 'page', page, renderedAt: startedAt });
        } else {
          // Also replaces a stale page: a product taken down must not live on in the cache.
          this.#entries.set(decision.key, {
            kind: 'pass',
            until: startedAt + this.#options.freshMs,
          });
        }
        return page;
      })
      .finally(() => this.#rendering.delete(decision.key));
    this.#rendering.set(decision.key, rendering);
    return rendering;
  }

  #send(req: IncomingMessage, res: ServerResponse, page: CachedPage, state: CacheState) {
    this.stats[state]++;
    sendCopy(res, page, {
      gzip: acceptsGzip(req.headers['accept-encoding']),
      head: req.method === 'HEAD',
      state,
    });
  }

  #pass(res: ServerResponse, state: CacheState, next: () => unknown) {
    this.stats[state]++;
    res.setHeader('x-page-cache', state);
    next();
  }
}
