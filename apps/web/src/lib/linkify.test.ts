import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('splits text around its links', () => {
    expect(linkify('Open http://shop.test/a?token=x to continue')).toEqual([
      'Open ',
      { url: 'http://shop.test/a?token=x' },
      ' to continue',
    ]);
  });

  it('leaves sentence punctuation after a link outside it', () => {
    expect(linkify('See https://shop.test/reset.')).toEqual([
      'See ',
      { url: 'https://shop.test/reset' },
      '.',
    ]);
    expect(linkify('(https://shop.test/x)')).toEqual(['(', { url: 'https://shop.test/x' }, ')']);
  });

  it('finds several links, and none in plain text', () => {
    expect(linkify('http://a.test and https://b.test')).toEqual([
      { url: 'http://a.test' },
      ' and ',
      { url: 'https://b.test' },
    ]);
    expect(linkify('No links here, javascript:alert(1) included.')).toEqual([
      'No links here, javascript:alert(1) included.',
    ]);
    expect(linkify('')).toEqual([]);
  });
});
