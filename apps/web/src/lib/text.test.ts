import { describe, expect, it } from 'vitest';
import { paragraphs } from './text';

describe('paragraphs', () => {
  it('splits on blank lines and drops empty paragraphs', () => {
    expect(paragraphs('One.\n\nTwo,\nstill two.\n\n\n\nThree.\n\n  \n\n')).toEqual([
      'One.',
      'Two,\nstill two.',
      'Three.',
    ]);
    expect(paragraphs('')).toEqual([]);
  });
});
