import { describe, expect, it } from 'vitest';
import { createClient } from '../src/client.ts';

describe('createClient headers', () => {
  /** The headers of the one request a call makes, answered with an empty category list. */
  async function sentHeaders(headers: Parameters<typeof createClient>[0]['headers']) {
    let sent: Headers | undefined;
    const client = createClient({
      url: 'http://shop.test/trpc',
      headers,
      fetch: async (_input, init) => {
        sent = new Headers(init?.headers);
        return new Response(JSON.stringify([{ result: { data: { json: [] } } }]), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await client.catalog.categories.query({});
    return sent;
  }

  it('sends headers with a value and leaves out undefined ones, given as a record or a function', async () => {
    const token: string | undefined = undefined;
    for (const headers of [
      { 'x-shop': 'a', authorization: token },
      () => ({ 'x-shop': 'a', authorization: token }),
      async () => ({ 'x-shop': 'a', authorization: token }),
    ]) {
      const sent = await sentHeaders(headers);
      expect(sent?.get('x-shop')).toBe('a');
      expect(sent?.has('authorization')).toBe(false);
    }
  });
});
