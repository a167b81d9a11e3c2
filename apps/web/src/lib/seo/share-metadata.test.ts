import { describe, expect, it } from 'vitest';
import { shareableImageUrl, shareMetadata } from './share-metadata';

describe('share metadata', () => {
  it('shares a demo SVG picture as its PNG, and any other picture as it is', () => {
    expect(shareableImageUrl('/media/demo/organic-cotton-tee-1_navy.svg')).toBe(
      '/media/demo/organic-cotton-tee-1_navy.png',
    );
    expect(shareableImageUrl('/media/uploads/abc/photo.webp')).toBe(
      '/media/uploads/abc/photo.webp',
    );
    expect(shareableImageUrl('/media/uploads/abc/drawing.svg')).toBe(
      '/media/uploads/abc/drawing.svg',
    );
  });

  it('puts the PNG in the Open Graph and Twitter tags', () => {
    const meta = shareMetadata({
      title: 'Tee',
      description: 'A tee',
      path: '/p/tee',
      image: { url: '/media/demo/tee-1.svg', alt: 'Tee', width: 800, height: 1000 },
      type: 'product',
    });
    expect(meta.openGraph?.images).toEqual([
      { url: '/media/demo/tee-1.png', alt: 'Tee', width: 800, height: 1000 },
    ]);
    expect(meta.twitter?.images).toEqual(['/media/demo/tee-1.png']);
  });
});
