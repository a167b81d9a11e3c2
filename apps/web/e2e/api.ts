import type { ProductDetail, ProductPage } from '@bazaar/contracts';
import { type APIRequestContext, request } from '@playwright/test';

/**
 * Minimal tRPC GET calls through the web app's same-origin `/trpc` rewrite, used to discover
 * demo data instead of hardcoding slugs. (Inputs and outputs here are plain JSON, so the
 * superjson envelope is just `{ json: … }`.)
 */
async function query<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/trpc/${path}`, {
    params: { input: JSON.stringify({ json: input }) },
  });
  if (!res.ok()) throw new Error(`${path} failed with HTTP ${res.status()}: ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

export const listProducts = (
  request: APIRequestContext,
  input: { limit: number; cursor?: string; categorySlug?: string; currency?: string },
) => query<ProductPage>(request, 'catalog.products.list', input);

export const productBySlug = (request: APIRequestContext, slug: string, currency?: string) =>
  query<ProductDetail>(request, 'catalog.products.bySlug', { slug, currency });

/** Every active product, following cursors. */
export async function allProducts(request: APIRequestContext) {
  const items: ProductPage['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listProducts(request, { limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

// ── Accounts ─────────────────────────────────────────────────────────────────

/** The web app's origin. The API rejects cross-site mutations, so API calls claim it. */
export const WEB_ORIGIN = process.env.E2E_WEB_ORIGIN ?? 'http://127.0.0.1:3100';

/** The Owner seeded in demo mode (no second factor required there). */
export const OWNER = { email: 'owner@bazaar.test', password: 'bazaar-owner-demo' } as const;

/** A strong password that no breach list knows. */
export const STRONG_PASSWORD = 'Velvet-Anchor-Orbit-42';

export function uniqueEmail(prefix = 'shopper') {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
}

/** A tRPC mutation over HTTP, as a browser on the web app's origin would send it. */
export async function mutate<T>(api: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const res = await api.post(`/trpc/${path}`, {
    headers: { 'content-type': 'application/json', origin: WEB_ORIGIN },
    data: input === undefined ? {} : { json: input },
  });
  if (!res.ok()) throw new Error(`${path} failed with HTTP ${res.status()}: ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

/**
 * A separate request context (its own cookie jar) through the web app's `/trpc` rewrite,
 * signed in as `credentials`.
 */
export async function signedInContext(
  baseURL: string,
  credentials: { email: string; password: string },
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  await mutate(api, 'auth.signIn', credentials);
  return api;
}

/** Creates a customer account through the API (faster than the form when it is not under test). */
export async function signUpCustomer(
  baseURL: string,
  account: { name: string; email: string; password: string },
): Promise<void> {
  const api = await request.newContext({ baseURL });
  try {
    await mutate(api, 'auth.signUp', account);
  } finally {
    await api.dispose();
  }
}

/**
 * The development mailbox, read as the Owner. `next(to, match)` waits for a message to `to`
 * that it has not returned before (optionally with a matching subject).
 */
export async function openMailbox(baseURL: string) {
  const owner = await signedInContext(baseURL, OWNER);
  const seen = new Set<string>();

  async function list(to: string): Promise<MailMessage[]> {
    const res = await owner.get('/trpc/admin.mailbox.list', {
      params: { input: JSON.stringify({ json: { to, limit: 20 } }) },
    });
    if (!res.ok()) {
      throw new Error(`admin.mailbox.list failed with HTTP ${res.status()}: ${await res.text()}`);
    }
    const body = (await res.json()) as { result: { data: { json: MailMessage[] } } };
    return body.result.data.json;
  }

  async function next(
    to: string,
    { subject, timeoutMs = 15_000 }: { subject?: RegExp; timeoutMs?: number } = {},
  ): Promise<MailMessage> {
    const deadline = Date.now() + timeoutMs;
    let last: MailMessage[] = [];
    while (Date.now() < deadline) {
      last = await list(to);
      const found = last
        .filter((m) => !seen.has(m.id) && (!subject || subject.test(m.subject)))
        .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)))[0];
      if (found) {
        seen.add(found.id);
        return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const subjects = last.map((m) => m.subject).join(', ') || 'none';
    throw new Error(`No new mail to ${to} within ${timeoutMs} ms (subjects seen: ${subjects})`);
  }

  return { next, dispose: () => owner.dispose() };
}

/** The first http(s) URL in a mail body. */
export function firstUrl(text: string): string {
  const match = text.match(/https?:\/\/[^\s<>"')\]]+/);
  if (!match) throw new Error(`No link in mail:\n${text}`);
  return match[0];
}

/** The path and query of the first link in a mail: the mail's origin is the API's PUBLIC_URL. */
export function linkPath(text: string): string {
  const url = new URL(firstUrl(text));
  return `${url.pathname}${url.search}`;
}
