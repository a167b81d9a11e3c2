import { describe, expect, it } from 'vitest';
import { plainTextOf } from './text';

describe('plainTextOf', () => {
  it('drops tags, decodes the sanitiser’s entities and collapses whitespace', () => {
    expect(
      plainTextOf('<p>Soft <strong>cotton</strong>.</p><ul><li>Tom &amp; Jerry &lt;3</li></ul>'),
    ).toBe('Soft cotton. Tom & Jerry <3');
    expect(plainTextOf('<p>One<br>two</p>')).toBe('One two');
    expect(plainTextOf('')).toBe('');
  });
});
