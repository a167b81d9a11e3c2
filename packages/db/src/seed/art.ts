/**
 * Procedural product illustrations for the demo catalog.
 *
 * Demo images are stored as `/media/demo/<product-slug>-<n>.svg`; the API renders them on the fly
 * with {@link renderDemoImage}, so the repository ships no binary assets. Everything here is pure
 * and deterministic: the same key always yields the same SVG.
 */

export type Illustration =
  | 'garment'
  | 'trousers'
  | 'mug'
  | 'lamp'
  | 'book'
  | 'bag'
  | 'bottle'
  | 'print'
  | 'abstract';

/** `<product-slug>-<n>`, optionally `_<colour>` for the picture of one colour. */
const KEY_PATTERN = /^([a-z0-9-]+)-(\d+)(?:_([a-z]+(?:-[a-z]+)*))?$/;

/** The demo colours as paint: a colour's picture shows the product in it. */
const SWATCHES: Readonly<Record<string, string>> = {
  black: '#2b2b2b',
  blue: '#4f7cac',
  brass: '#b5913f',
  charcoal: '#4a4d52',
  'dark-brown': '#5a3d2b',
  ecru: '#e3dac4',
  forest: '#2f5d46',
  green: '#5f9a5b',
  grey: '#9a9ea3',
  indigo: '#3b4a7a',
  khaki: '#a89a6a',
  moss: '#6d7a45',
  mustard: '#d1a33a',
  natural: '#e6dcc8',
  navy: '#263a5c',
  oat: '#d9c9a8',
  olive: '#6b7043',
  rust: '#b5532f',
  sage: '#9cae94',
  sand: '#d8c39a',
  slate: '#5d6b78',
  'speckled-white': '#f0ede6',
  tan: '#c19a6b',
  terracotta: '#c46a4a',
  tortoise: '#6e4a2e',
  white: '#f7f6f2',
};

/** "Dark Brown" → "dark-brown": the colour part of a demo image key. */
export function colourKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
}
const MAX_KEY_LENGTH = 160;

/** Keywords (matched against the words of a slug) → illustration, first match wins. */
const KEYWORDS: ReadonlyArray<readonly [Illustration, readonly string[]]> = [
  ['trousers', ['trousers', 'trouser', 'chino', 'chinos', 'pants', 'jeans', 'shorts', 'joggers']],
  [
    'garment',
    ['tee', 'shirt', 'hoodie', 'sweater', 'jumper', 'crew', 'jacket', 'coat', 'overcoat', 'parka'],
  ],
  ['mug', ['mug', 'cup', 'dripper', 'espresso']],
  ['lamp', ['lamp', 'lantern', 'pendant']],
  ['book', ['notebook', 'journal', 'planner', 'sketchbook', 'book', 'diary']],
  ['bag', ['bag', 'tote', 'backpack', 'daypack', 'wallet', 'pouch']],
  ['bottle', ['bottle', 'oil', 'flask', 'honey', 'jar', 'candle']],
  ['print', ['print', 'poster', 'card', 'cards', 'map']],
];

/** Which drawing a product slug gets. */
export function illustrationFor(slug: string): Illustration {
  const words = slug.split('-');
  for (const [kind, keywords] of KEYWORDS) {
    if (keywords.some((k) => words.includes(k))) return kind;
  }
  return 'abstract';
}

/** Pixel size of a demo image: portrait for clothing, square otherwise. */
export function demoImageSize(slug: string): { width: number; height: number } {
  const kind = illustrationFor(slug);
  return kind === 'garment' || kind === 'trousers'
    ? { width: 800, height: 1000 }
    : { width: 800, height: 800 };
}

/** "linen-camp-shirt" → "Linen Camp Shirt". */
export function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** FNV-1a, 32 bit. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Palette {
  background: string;
  backdrop: string;
  main: string;
  mainDark: string;
  accent: string;
  ink: string;
  shadow: string;
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${Math.round(((h % 360) + 360) % 360)} ${s}% ${l}%)`;
}

function paletteFor(slug: string): Palette {
  const h = hashString(slug);
  const hue = h % 360;
  // Harmonious accent: analogous or complementary-ish, picked by another part of the hash.
  const offsets = [30, 150, 200, -40];
  const accentHue = hue + (offsets[(h >>> 9) % offsets.length] ?? 30);
  const sat = 24 + ((h >>> 13) % 20);
  return {
    background: hsl(hue + 20, 30, 94),
    backdrop: hsl(accentHue, 40, 85),
    main: hsl(hue, sat, 56),
    mainDark: hsl(hue, sat, 40),
    accent: hsl(accentHue, 45, 66),
    ink: hsl(hue, 25, 20),
    shadow: hsl(hue, 20, 30),
  };
}

/** The same colour at 70% brightness. */
function darker(hex: string): string {
  const channels = [1, 3, 5].map((i) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * 0.7));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Shapes drawn in a local box of roughly ±220 × ±260 around (0, 0). */
function drawIllustration(kind: Illustration, p: Palette, variant: number): string {
  switch (kind) {
    case 'garment': {
      const hood =
        variant % 2 === 0
          ? ''
          : `<path d="M-70 -250 Q0 -300 70 -250 L50 -215 Q0 -240 -50 -215 Z" fill="${p.mainDark}"/>`;
      return `${hood}
    <path d="M-70 -240 L-190 -190 L-240 -60 L-170 -30 L-140 -110 L-140 240 L140 240 L140 -110 L170 -30 L240 -60 L190 -190 L70 -240 Q0 -190 -70 -240 Z" fill="${p.main}"/>
    <path d="M-70 -240 Q0 -190 70 -240 Q0 -215 -70 -240 Z" fill="${p.mainDark}"/>
    <rect x="-140" y="200" width="280" height="40" fill="${p.mainDark}" opacity="0.35"/>
    <rect x="50" y="-120" width="55" height="60" rx="6" fill="${p.accent}" opacity="0.85"/>`;
    }
    case 'trousers':
      return `<path d="M-130 -250 L130 -250 L160 250 L30 250 L0 -90 L-30 250 L-160 250 Z" fill="${p.main}"/>
    <rect x="-130" y="-250" width="260" height="40" fill="${p.mainDark}"/>
    <path d="M-100 -210 Q-80 -150 -40 -140" stroke="${p.mainDark}" stroke-width="6" fill="none"/>
    <path d="M100 -210 Q80 -150 40 -140" stroke="${p.mainDark}" stroke-width="6" fill="none"/>
    <rect x="-10" y="-250" width="20" height="40" fill="${p.accent}"/>`;
    case 'mug':
      return `<path d="M120 -80 Q220 -80 220 10 Q220 100 120 100" stroke="${p.mainDark}" stroke-width="34" fill="none"/>
    <path d="M-150 -140 L150 -140 L150 130 Q150 190 90 190 L-90 190 Q-150 190 -150 130 Z" fill="${p.main}"/>
    <ellipse cx="0" cy="-140" rx="150" ry="24" fill="${p.mainDark}"/>
    <rect x="-150" y="-20" width="300" height="28" fill="${p.accent}" opacity="0.9"/>
    <path d="M-50 -200 Q-80 -240 -50 -280 M0 -190 Q-30 -240 0 -290 M50 -200 Q20 -240 50 -280" stroke="${p.shadow}" stroke-width="10" stroke-linecap="round" fill="none" opacity="0.35"/>`;
    case 'lamp':
      return `<path d="M-150 -40 L-80 -240 L80 -240 L150 -40 Z" fill="${p.main}"/>
    <path d="M-150 -40 L150 -40" stroke="${p.mainDark}" stroke-width="12" stroke-linecap="round"/>
    <rect x="-10" y="-40" width="20" height="230" fill="${p.ink}"/>
    <ellipse cx="0" cy="200" rx="110" ry="26" fill="${p.ink}"/>
    <circle cx="0" cy="-10" r="26" fill="${p.accent}"/>
    <path d="M-120 20 L-200 140 L200 140 L120 20 Z" fill="${p.accent}" opacity="0.18"/>`;
    case 'book':
      return `<rect x="-150" y="-220" width="300" height="420" rx="14" fill="${p.main}"/>
    <rect x="-150" y="-220" width="44" height="420" rx="10" fill="${p.mainDark}"/>
    <rect x="90" y="-220" width="18" height="420" fill="${p.ink}" opacity="0.75"/>
    <path d="M40 195 L40 260 L60 240 L80 260 L80 195 Z" fill="${p.accent}"/>
    <rect x="-70" y="-120" width="130" height="70" rx="6" fill="${p.background}" opacity="0.9"/>
    <path d="M-50 -95 L40 -95 M-50 -75 L15 -75" stroke="${p.mainDark}" stroke-width="6" stroke-linecap="round"/>`;
    case 'bag':
      return `<path d="M-90 -90 Q-90 -250 0 -250 Q90 -250 90 -90" stroke="${p.mainDark}" stroke-width="24" fill="none"/>
    <path d="M-180 -100 L180 -100 L210 230 L-210 230 Z" fill="${p.main}"/>
    <path d="M-180 -100 L180 -100 L186 -40 L-186 -40 Z" fill="${p.mainDark}" opacity="0.55"/>
    <circle cx="0" cy="60" r="54" fill="${p.accent}" opacity="0.9"/>
    <circle cx="0" cy="60" r="26" fill="${p.background}" opacity="0.6"/>`;
    case 'bottle':
      return `<rect x="-42" y="-270" width="84" height="60" rx="10" fill="${p.ink}"/>
    <path d="M-50 -210 L50 -210 L50 -160 Q120 -130 120 -60 L120 210 Q120 240 90 240 L-90 240 Q-120 240 -120 210 L-120 -60 Q-120 -130 -50 -160 Z" fill="${p.main}"/>
    <rect x="-120" y="-10" width="240" height="130" fill="${p.background}" opacity="0.9"/>
    <rect x="-80" y="25" width="160" height="16" rx="8" fill="${p.accent}"/>
    <rect x="-60" y="62" width="120" height="12" rx="6" fill="${p.mainDark}" opacity="0.6"/>
    <rect x="70" y="-110" width="18" height="80" rx="9" fill="${p.background}" opacity="0.35"/>`;
    case 'print':
      return `<rect x="-190" y="-250" width="380" height="490" fill="${p.ink}"/>
    <rect x="-165" y="-225" width="330" height="440" fill="${p.background}"/>
    <circle cx="${40 + (variant % 3) * 20}" cy="-90" r="60" fill="${p.accent}"/>
    <path d="M-165 160 L-60 -20 L20 90 L80 20 L165 160 L165 215 L-165 215 Z" fill="${p.main}"/>
    <path d="M-60 -20 L-30 30 L-85 30 Z" fill="${p.background}" opacity="0.8"/>`;
    case 'abstract':
      return `<circle cx="-60" cy="-60" r="150" fill="${p.main}"/>
    <rect x="-10" y="-10" width="210" height="210" rx="24" fill="${p.accent}" opacity="0.9"/>
    <path d="M-210 210 L-60 40 L90 210 Z" fill="${p.mainDark}" opacity="0.85"/>`;
  }
}

/**
 * SVG for a demo image key `<product-slug>-<n>` (the file name without `.svg`), or null when the
 * key is malformed. `n` (1-based) varies the composition: 1 hero shot, 2 backdrop, 3 detail crop.
 * The product name is the picture's accessible name only: shops crop product pictures (square
 * cards, zoomed galleries), so no text is painted into them.
 */
export function renderDemoImage(key: string): string | null {
  if (key.length > MAX_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const slug = match[1] ?? '';
  const n = Number(match[2]);
  if (!slug || slug.startsWith('-') || slug.endsWith('-') || slug.includes('--')) return null;

  const kind = illustrationFor(slug);
  const { width, height } = demoImageSize(slug);
  const swatch = match[3] === undefined ? undefined : SWATCHES[match[3]];
  if (match[3] !== undefined && !swatch) return null;
  const p = swatch
    ? { ...paletteFor(slug), main: swatch, mainDark: darker(swatch) }
    : paletteFor(slug);
  const name = escapeXml(titleFromSlug(slug));
  const seed = hashString(key);
  const cx = width / 2;
  const cy = height / 2;
  const composition = (Math.max(n, 1) - 1) % 3;
  const art = drawIllustration(kind, p, n);

  let backdrop: string;
  let transform: string;
  if (composition === 0) {
    // Hero: centred product, soft floor shadow.
    backdrop = `<ellipse cx="${cx}" cy="${cy + 270}" rx="230" ry="26" fill="${p.shadow}" opacity="0.12"/>`;
    transform = `translate(${cx} ${cy}) scale(1)`;
  } else if (composition === 1) {
    // Backdrop: large disc behind a slightly tilted product.
    const tilt = (seed % 13) - 6;
    backdrop = `<circle cx="${cx}" cy="${cy}" r="${Math.min(width, height) * 0.4}" fill="${p.backdrop}"/>`;
    transform = `translate(${cx} ${cy}) rotate(${tilt}) scale(0.85)`;
  } else {
    // Detail: zoomed-in crop over a striped surface.
    const stripes: string[] = [];
    for (let x = -height; x < width + height; x += 48) {
      stripes.push(`<path d="M${x} 0 L${x + height} ${height}" />`);
    }
    backdrop = `<g stroke="${p.backdrop}" stroke-width="14" opacity="0.7">${stripes.join('')}</g>`;
    const dx = (seed % 120) - 60;
    transform = `translate(${cx + dx} ${cy + 90}) scale(1.6)`;
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${name}">
  <title>${name}</title>
  <rect width="${width}" height="${height}" fill="${p.background}"/>
  ${backdrop}
  <g transform="${transform}">
    ${art}
  </g>
</svg>
`;
}
