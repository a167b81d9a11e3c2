import { describe, expect, it } from 'vitest';
import { EtagMemo, etagOf } from '../src/http/conditional.ts';

describe('EtagMemo', () => {
  it('tags a body as etagOf does, and a changed body under the same URL anew', () => {
    const memo = new EtagMemo();
    const url = '/trpc/catalog.categories';
    expect(memo.etagOf(url, '{"a":1}')).toBe(etagOf('{"a":1}'));
    expect(memo.etagOf(url, '{"a":1}')).toBe(etagOf('{"a":1}'));
    // Same length, one byte different: the remembered tag must not be reused.
    expect(memo.etagOf(url, '{"a":2}')).toBe(etagOf('{"a":2}'));
    expect(memo.etagOf(url, '{"a":1}')).toBe(etagOf('{"a":1}'));
  });

  it('keys by URL: two URLs with different bodies keep their own tags', () => {
    const memo = new EtagMemo();
    expect(memo.etagOf('/a', 'x')).toBe(etagOf('x'));
    expect(memo.etagOf('/b', 'y')).toBe(etagOf('y'));
    expect(memo.etagOf('/a', 'x')).toBe(etagOf('x'));
    expect(memo.etagOf('/b', 'y')).toBe(etagOf('y'));
  });

  it('stays within its entries and bytes, dropping the oldest first', () => {
    const memo = new EtagMemo(3, 10, 8);
    for (const key of ['/1', '/2', '/3', '/4']) memo.etagOf(key, 'ab');
    expect(memo.size).toBe(3);
    memo.etagOf('/5', 'abcdefgh'); // 3 × 2 + 8 bytes > 10: the oldest go until it fits
    expect(memo.size).toBe(2);
    memo.etagOf('/6', 'x'.repeat(9)); // longer than a body it keeps: tagged, not kept
    expect(memo.size).toBe(2);
    expect(memo.etagOf('/6', 'x'.repeat(9))).toBe(etagOf('x'.repeat(9)));
  });
});
