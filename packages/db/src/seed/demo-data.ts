/**
 * The demo shop's content. Plain data: `demo.ts` turns it into rows.
 *
 * Option values are either a label (its SKU code is derived: known colours get a three-letter code,
 * anything else is upper-cased) or a `[label, code, priceDelta?]` tuple.
 */

export type OptionValue = string | readonly [label: string, code: string, priceDelta?: number];

export interface OptionSpec {
  name: string;
  values: readonly OptionValue[];
}

export interface CategorySpec {
  slug: string;
  name: string;
  description: string;
  children?: readonly Omit<CategorySpec, 'children'>[];
}

export interface ProductSpec {
  slug: string;
  title: string;
  /** Slug of a leaf category. */
  category: string;
  /** Base price in euro cents. */
  price: number;
  /** SKU prefix; variant SKUs append the option codes, or nothing for a single variant. */
  sku: string;
  options?: readonly OptionSpec[];
  description: string;
  status?: 'draft' | 'archived';
  /** `out`: every variant at 0; `low`: every variant at 1–5. Otherwise stock varies per variant. */
  stock?: 'out' | 'low';
  /** Number of images (1–3); derived deterministically when absent. */
  images?: number;
}

export const COLOUR_CODES: Readonly<Record<string, string>> = {
  Black: 'BLK',
  Blue: 'BLU',
  Brass: 'BRS',
  Charcoal: 'CHR',
  'Dark Brown': 'DBR',
  Ecru: 'ECR',
  Forest: 'FOR',
  Green: 'GRN',
  Grey: 'GRY',
  Indigo: 'IND',
  Khaki: 'KHK',
  Moss: 'MOS',
  Mustard: 'MST',
  Natural: 'NAT',
  Navy: 'NVY',
  Oat: 'OAT',
  Olive: 'OLV',
  Rust: 'RST',
  Sage: 'SGE',
  Sand: 'SND',
  Slate: 'SLT',
  'Speckled White': 'SPK',
  Tan: 'TAN',
  Terracotta: 'TER',
  Tortoise: 'TRT',
  White: 'WHT',
};

const SIZES = ['XS', 'S', 'M', 'L', 'XL'] as const;
type Size = (typeof SIZES)[number];

function size(from: Size, to: Size): OptionSpec {
  return { name: 'Size', values: SIZES.slice(SIZES.indexOf(from), SIZES.indexOf(to) + 1) };
}

function colour(...values: string[]): OptionSpec {
  return { name: 'Colour', values };
}

export const DEMO_CATEGORIES: readonly CategorySpec[] = [
  {
    slug: 'apparel',
    name: 'Apparel',
    description: 'Everyday clothing in natural fibres, cut to be worn for years.',
    children: [
      { slug: 'tops', name: 'Tops', description: 'Tees, shirts, knits and sweats.' },
      { slug: 'bottoms', name: 'Bottoms', description: 'Trousers, jeans and shorts.' },
      { slug: 'outerwear', name: 'Outerwear', description: 'Jackets and coats for every season.' },
    ],
  },
  {
    slug: 'home-living',
    name: 'Home & Living',
    description: 'Considered objects for the kitchen, the table and the sofa.',
    children: [
      { slug: 'kitchen', name: 'Kitchen & Dining', description: 'Cookware, mugs and tableware.' },
      { slug: 'lighting', name: 'Lighting', description: 'Lamps, pendants and candles.' },
      { slug: 'textiles', name: 'Textiles', description: 'Towels, throws and cushions.' },
    ],
  },
  {
    slug: 'stationery',
    name: 'Stationery',
    description: 'Paper goods for planning, sketching and writing things down.',
    children: [
      { slug: 'notebooks', name: 'Notebooks & Journals', description: 'Bound, stitched, dotted.' },
      { slug: 'prints-cards', name: 'Prints & Cards', description: 'Art prints and cards.' },
    ],
  },
  {
    slug: 'outdoors',
    name: 'Outdoors',
    description: 'Sturdy kit for weekends away, from the campsite to the ridge line.',
    children: [
      { slug: 'camping', name: 'Camping', description: 'Camp kitchen, seating and warmth.' },
      { slug: 'trail', name: 'On the Trail', description: 'Packs, bottles and socks.' },
    ],
  },
  {
    slug: 'accessories',
    name: 'Accessories',
    description: 'The finishing touches: bags, wallets, hats and scarves.',
    children: [
      { slug: 'bags', name: 'Bags', description: 'Totes, backpacks and weekenders.' },
      { slug: 'small-goods', name: 'Small Goods', description: 'Wallets, keyrings and knitwear.' },
    ],
  },
  {
    slug: 'pantry',
    name: 'Pantry',
    description: 'Coffee, tea and treats from small producers we know by name.',
  },
];

export const DEMO_PRODUCTS: readonly ProductSpec[] = [
  // ── Tops ─────────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'organic-cotton-tee',
    title: 'Organic Cotton Tee',
    category: 'tops',
    price: 2900,
    sku: 'TEE-ORG',
    // Colour first: staff chose it, and the shop shows options in the order chosen.
    options: [colour('Navy', 'Oat'), size('S', 'XL')],
    description:
      'A midweight tee in GOTS-certified organic cotton with a clean crew neck. Pre-washed so it keeps its shape, and cut straight for an easy fit.',
  },
  {
    slug: 'heavyweight-pocket-tee',
    title: 'Heavyweight Pocket Tee',
    category: 'tops',
    price: 3500,
    sku: 'TEE-HVY',
    options: [size('M', 'XL'), colour('Black', 'White')],
    description:
      'Dense 240 gsm jersey with a boxy silhouette and a single chest pocket. It softens beautifully with every wash.',
  },
  {
    slug: 'linen-camp-shirt',
    title: 'Linen Camp Shirt',
    category: 'tops',
    price: 6900,
    sku: 'SHT-LIN',
    options: [size('S', 'XL'), colour('Sand')],
    description:
      'A relaxed short-sleeve shirt in breezy European linen with a camp collar. Made for long summer evenings and cool mornings by the sea.',
  },
  {
    slug: 'oxford-button-down-shirt',
    title: 'Oxford Button-Down Shirt',
    category: 'tops',
    price: 5900,
    sku: 'SHT-OXF',
    options: [size('S', 'L'), colour('Blue', 'White')],
    description:
      'A wardrobe staple in soft-washed oxford cloth with a rolled button-down collar. Dress it up with chinos or wear it open over a tee.',
  },
  {
    slug: 'brushed-fleece-hoodie',
    title: 'Brushed Fleece Hoodie',
    category: 'tops',
    price: 7900,
    sku: 'HOD-FLC',
    options: [size('XS', 'XL'), colour('Grey')],
    description:
      'Loopback cotton brushed on the inside for a cosy, cloud-like feel. Double-layered hood, ribbed cuffs and a roomy kangaroo pocket.',
    stock: 'low',
  },
  {
    slug: 'merino-crew-sweater',
    title: 'Merino Crew Sweater',
    category: 'tops',
    price: 9900,
    sku: 'SWT-MER',
    options: [size('S', 'L'), colour('Charcoal', 'Forest')],
    description:
      'Fine-gauge extra-fine merino that regulates temperature and resists odour. Light enough to layer, warm enough to wear on its own.',
    status: 'draft',
  },
  {
    slug: 'striped-breton-tee',
    title: 'Striped Breton Tee',
    category: 'tops',
    price: 3900,
    sku: 'TEE-BRT',
    options: [size('XS', 'L'), colour('Ecru')],
    description:
      'The classic sailor stripe in a sturdy cotton interlock with a wide boat neck. Three-quarter sleeves make it a year-round favourite.',
  },
  // ── Bottoms ──────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'relaxed-chino-trousers',
    title: 'Relaxed Chino Trousers',
    category: 'bottoms',
    price: 7900,
    sku: 'PNT-CHN',
    options: [size('S', 'XL'), colour('Khaki', 'Navy')],
    description:
      'Garment-dyed cotton twill chinos with a relaxed, tapered leg. A touch of stretch means they move with you from desk to dinner.',
  },
  {
    slug: 'selvedge-denim-jeans',
    title: 'Selvedge Denim Jeans',
    category: 'bottoms',
    price: 12900,
    sku: 'JNS-SLV',
    options: [size('S', 'L'), colour('Indigo')],
    description:
      'Raw 14 oz Japanese selvedge denim in a slim straight cut. They start stiff and dark and fade into a pair that is entirely yours.',
    stock: 'low',
  },
  {
    slug: 'linen-drawstring-shorts',
    title: 'Linen Drawstring Shorts',
    category: 'bottoms',
    price: 4500,
    sku: 'SHR-LIN',
    options: [size('S', 'XL'), colour('Sand', 'Olive')],
    description:
      'Easy-going shorts in washed linen with an elasticated drawstring waist. Side pockets, a back pocket and a 7-inch inseam.',
  },
  {
    slug: 'loopback-cotton-joggers',
    title: 'Loopback Cotton Joggers',
    category: 'bottoms',
    price: 6500,
    sku: 'JOG-LBK',
    options: [size('XS', 'XL'), colour('Grey')],
    description:
      'Soft loopback joggers with a tapered leg and ribbed cuffs. The matching partner to our fleece hoodie for slow Sundays.',
  },
  // ── Outerwear ────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'waxed-cotton-jacket',
    title: 'Waxed Cotton Jacket',
    category: 'outerwear',
    price: 19900,
    sku: 'JKT-WAX',
    options: [size('S', 'XL'), colour('Olive', 'Navy')],
    description:
      'A weatherproof field jacket in British waxed cotton with a corduroy collar. Four bellows pockets and a tartan lining keep it honest.',
  },
  {
    slug: 'quilted-liner-jacket',
    title: 'Quilted Liner Jacket',
    category: 'outerwear',
    price: 11900,
    sku: 'JKT-QLT',
    options: [size('S', 'L'), colour('Black', 'Olive')],
    description:
      'A lightweight diamond-quilted jacket filled with recycled insulation. Wear it alone in autumn or zip it under a shell in winter.',
  },
  {
    slug: 'wool-overcoat',
    title: 'Wool Overcoat',
    category: 'outerwear',
    price: 29900,
    sku: 'COT-WOL',
    options: [size('M', 'L'), colour('Charcoal')],
    description:
      'A single-breasted overcoat in a dense Italian wool blend, lined for warmth. This style has been retired to make room for next season.',
    status: 'archived',
  },
  {
    slug: 'packable-rain-jacket',
    title: 'Packable Rain Jacket',
    category: 'outerwear',
    price: 14900,
    sku: 'JKT-RAN',
    options: [size('XS', 'XL'), colour('Mustard')],
    description:
      'A fully seam-taped 2.5-layer shell that packs into its own chest pocket. Waterproof, breathable and bright enough to be seen.',
  },
  // ── Kitchen ──────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'stoneware-mug',
    title: 'Stoneware Mug',
    category: 'kitchen',
    price: 2400,
    sku: 'MUG-STN',
    options: [colour('Speckled White', 'Slate', 'Moss')],
    description:
      'Wheel-thrown in a small Portuguese studio and finished with a reactive glaze, so no two are quite alike. Holds 350 ml and is dishwasher safe.',
  },
  {
    slug: 'espresso-cup-set',
    title: 'Espresso Cup Set of 4',
    category: 'kitchen',
    price: 3800,
    sku: 'CUP-ESP',
    description:
      'Four thick-walled porcelain cups that keep a double shot hot to the last sip. Matte outside, glossy inside.',
  },
  {
    slug: 'ceramic-pour-over-dripper',
    title: 'Ceramic Pour-Over Dripper',
    category: 'kitchen',
    price: 3200,
    sku: 'DRP-CER',
    description:
      'A spiral-ribbed dripper for bright, clean filter coffee, one cup at a time. Fits standard size 02 paper filters.',
  },
  {
    slug: 'olive-wood-serving-board',
    title: 'Olive Wood Serving Board',
    category: 'kitchen',
    price: 4500,
    sku: 'BRD-OLV',
    options: [
      {
        name: 'Size',
        values: [
          ['Small', 'SM'],
          ['Large', 'LG', 2000],
        ],
      },
    ],
    description:
      'Cut from a single piece of reclaimed olive wood, each board shows its own dramatic grain. Oil it now and then and it will last a lifetime.',
  },
  {
    slug: 'cast-iron-skillet',
    title: 'Cast Iron Skillet',
    category: 'kitchen',
    price: 5900,
    sku: 'SKL-CST',
    options: [
      {
        name: 'Size',
        values: [
          ['20 cm', '20'],
          ['26 cm', '26', 1500],
        ],
      },
    ],
    description:
      'Pre-seasoned cast iron that goes from hob to oven to table. It only gets better the more you cook with it.',
  },
  // ── Lighting ─────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'arc-floor-lamp',
    title: 'Arc Floor Lamp',
    category: 'lighting',
    price: 24900,
    sku: 'LMP-ARC',
    options: [{ name: 'Finish', values: ['Black', 'Brass'] }],
    description:
      'A sweeping steel arc that brings a pool of warm light over the sofa without a ceiling fitting. The marble base keeps it steady.',
  },
  {
    slug: 'mushroom-table-lamp',
    title: 'Mushroom Table Lamp',
    category: 'lighting',
    price: 8900,
    sku: 'LMP-MSH',
    options: [colour('White', 'Terracotta', 'Sage')],
    description:
      'A glazed ceramic table lamp with a soft, diffused glow and a dimmable switch. Small enough for a bedside, friendly enough for a shelf.',
    stock: 'low',
  },
  {
    slug: 'brass-desk-lamp',
    title: 'Brass Desk Lamp',
    category: 'lighting',
    price: 13900,
    sku: 'LMP-DSK',
    description:
      'An adjustable task lamp in solid brass that will develop a warm patina over time. The shade pivots to put the light exactly where you need it.',
    stock: 'out',
  },
  {
    slug: 'paper-pendant-lamp',
    title: 'Paper Pendant Lamp',
    category: 'lighting',
    price: 6900,
    sku: 'LMP-PPR',
    options: [
      {
        name: 'Diameter',
        values: [
          ['40 cm', '40'],
          ['60 cm', '60', 3000],
        ],
      },
    ],
    description:
      'Handmade washi paper over a bamboo frame, in the tradition of Gifu lanterns. It turns a bare bulb into a soft moon.',
  },
  {
    slug: 'soy-wax-candle',
    title: 'Soy Wax Candle',
    category: 'lighting',
    price: 2800,
    sku: 'CND-SOY',
    options: [
      {
        name: 'Scent',
        values: [
          ['Fig Leaf', 'FIG'],
          ['Cedar & Smoke', 'CDR'],
          ['Neroli', 'NER'],
        ],
      },
    ],
    description:
      'Hand-poured soy wax with a cotton wick in a reusable amber glass jar. Around 45 hours of clean, slow burn.',
  },
  // ── Textiles ─────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'linen-tea-towel',
    title: 'Linen Tea Towel',
    category: 'textiles',
    price: 1600,
    sku: 'TWL-LIN',
    options: [colour('Natural', 'Rust', 'Sage')],
    description:
      'Stonewashed linen that dries glasses without a streak and only gets softer. A hanging loop in one corner keeps it close at hand.',
  },
  {
    slug: 'waffle-bath-towel',
    title: 'Waffle Bath Towel',
    category: 'textiles',
    price: 3900,
    sku: 'TWL-WFL',
    options: [
      {
        name: 'Size',
        values: [
          ['Hand', 'HND', -1800],
          ['Bath', 'BTH'],
        ],
      },
    ],
    description:
      'A light, quick-drying waffle weave in Turkish cotton. Thirsty enough for the bath, slim enough for the beach bag.',
  },
  {
    slug: 'wool-throw-blanket',
    title: 'Wool Throw Blanket',
    category: 'textiles',
    price: 11900,
    sku: 'THR-WOL',
    options: [colour('Oat', 'Charcoal')],
    description:
      'Woven in Wales from undyed lambswool with a herringbone pattern and fringed ends. Generous enough to share on the sofa.',
  },
  {
    slug: 'linen-cushion-cover',
    title: 'Linen Cushion Cover',
    category: 'textiles',
    price: 3400,
    sku: 'CSH-LIN',
    options: [colour('Natural', 'Rust', 'Olive', 'Indigo')],
    description:
      'A 50 × 50 cm cover in heavyweight linen with a hidden zip. Mix the colours freely; they were made to go together.',
  },
  // ── Notebooks ────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'dot-grid-notebook',
    title: 'Dot Grid Notebook A5',
    category: 'notebooks',
    price: 1900,
    sku: 'NTB-DOT',
    options: [colour('Black', 'Sage', 'Terracotta')],
    description:
      '192 numbered pages of 100 gsm paper that takes fountain pen ink without ghosting. Lay-flat binding, two ribbon markers and a back pocket.',
  },
  {
    slug: 'linen-bound-journal',
    title: 'Linen-Bound Journal',
    category: 'notebooks',
    price: 2900,
    sku: 'JRN-LIN',
    options: [colour('Natural', 'Indigo')],
    description:
      'A hardback journal covered in bookcloth linen with thread-sewn signatures. The plain ivory pages are waiting for your thoughts.',
  },
  {
    slug: 'undated-weekly-planner',
    title: 'Undated Weekly Planner',
    category: 'notebooks',
    price: 2400,
    sku: 'PLN-WKL',
    description:
      'Fifty-two week-to-view spreads you can start any Monday of the year. Monthly overviews and a few pages of notes round it out.',
  },
  {
    slug: 'pocket-notebook-3-pack',
    title: 'Pocket Notebook 3-Pack',
    category: 'notebooks',
    price: 1200,
    sku: 'NTB-PKT',
    options: [{ name: 'Ruling', values: ['Plain', 'Lined', 'Grid'] }],
    description:
      'Three slim, staple-bound notebooks that fit in a back pocket. Kraft covers, rounded corners and 48 pages each.',
  },
  {
    slug: 'watercolour-sketchbook',
    title: 'Watercolour Sketchbook',
    category: 'notebooks',
    price: 2600,
    sku: 'SKB-WTC',
    options: [
      {
        name: 'Size',
        values: [
          ['A5', 'A5'],
          ['A4', 'A4', 1000],
        ],
      },
    ],
    description:
      'Cold-pressed 300 gsm cotton paper that handles washes without buckling. Stitched landscape binding for double-page spreads.',
  },
  // ── Prints & cards ───────────────────────────────────────────────────────────────────────────
  {
    slug: 'mountain-risograph-print',
    title: 'Mountain Risograph Print',
    category: 'prints-cards',
    price: 2400,
    sku: 'PRT-MTN',
    options: [
      {
        name: 'Size',
        values: [
          ['A4', 'A4'],
          ['A3', 'A3', 1000],
        ],
      },
    ],
    description:
      'A two-colour risograph of an alpine ridge at dawn, printed in a small Berlin studio. Slight misregistration is part of the charm.',
  },
  {
    slug: 'botanical-study-poster',
    title: 'Botanical Study Poster',
    category: 'prints-cards',
    price: 3200,
    sku: 'PRT-BOT',
    options: [
      {
        name: 'Size',
        values: [
          ['30 × 40 cm', '3040'],
          ['50 × 70 cm', '5070', 2300],
        ],
      },
    ],
    description:
      'A study of fern fronds reproduced from a nineteenth-century herbarium, printed on heavy matte paper. Frame not included.',
  },
  {
    slug: 'letterpress-card-set',
    title: 'Letterpress Card Set',
    category: 'prints-cards',
    price: 1800,
    sku: 'CRD-LTP',
    description:
      'Six blank cards with a deep letterpress impression and matching kraft envelopes. For thank-yous that deserve more than a text.',
  },
  {
    slug: 'lisbon-map-print',
    title: 'Lisbon City Map Print',
    category: 'prints-cards',
    price: 2900,
    sku: 'PRT-LIS',
    description:
      'A minimalist map of Lisbon’s seven hills in terracotta and ink. The next in our city series, coming soon.',
    status: 'draft',
  },
  // ── Camping ──────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'enamel-camp-mug',
    title: 'Enamel Camp Mug',
    category: 'camping',
    price: 1400,
    sku: 'MUG-ENM',
    options: [colour('White', 'Green', 'Blue')],
    description:
      'A featherweight enamelled steel mug with a rolled rim. Goes on the camp stove, in the rucksack and on the breakfast table.',
  },
  {
    slug: 'canvas-camp-stool',
    title: 'Canvas Camp Stool',
    category: 'camping',
    price: 4900,
    sku: 'STL-CNV',
    description:
      'A folding stool in beech and heavy cotton canvas that packs flat in seconds. Rated to 120 kg.',
  },
  {
    slug: 'wool-camp-blanket',
    title: 'Wool Camp Blanket',
    category: 'camping',
    price: 8900,
    sku: 'BLK-CMP',
    options: [colour('Forest', 'Rust')],
    description:
      'A dense recycled-wool blanket that stays warm even when damp. Bound edges and a leather carry strap.',
  },
  {
    slug: 'folding-camp-lantern',
    title: 'Folding Camp Lantern',
    category: 'camping',
    price: 3900,
    sku: 'LNT-FLD',
    options: [colour('Olive', 'Mustard')],
    description:
      'A USB-C rechargeable lantern that collapses to the size of a tin of beans. Three brightness levels and up to 40 hours of light.',
  },
  // ── Trail ────────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'trail-cap',
    title: 'Trail Cap',
    category: 'trail',
    price: 2900,
    sku: 'CAP-TRL',
    options: [colour('Black', 'Sand', 'Olive')],
    description:
      'A six-panel cap in quick-drying ripstop with a perforated back. Crushable, packable and adjustable.',
  },
  {
    slug: 'merino-hiking-socks',
    title: 'Merino Hiking Socks',
    category: 'trail',
    price: 1900,
    sku: 'SCK-MER',
    options: [
      {
        name: 'Size',
        values: [
          ['36–39', '3639'],
          ['40–43', '4043'],
          ['44–47', '4447'],
        ],
      },
    ],
    description:
      'Cushioned merino socks with a reinforced heel and toe for long days on foot. Naturally odour-resistant, so they last a multi-day trek.',
  },
  {
    slug: 'roll-top-daypack',
    title: 'Roll-Top Daypack',
    category: 'trail',
    price: 11900,
    sku: 'BAG-RTP',
    options: [colour('Black', 'Olive', 'Rust')],
    description:
      'A 22-litre roll-top pack in waterproof recycled nylon with a padded laptop sleeve. Commuter by day, trail companion at the weekend.',
  },
  {
    slug: 'insulated-water-bottle',
    title: 'Insulated Water Bottle',
    category: 'trail',
    price: 3400,
    sku: 'BTL-INS',
    options: [
      {
        name: 'Capacity',
        values: [
          ['500 ml', '500'],
          ['750 ml', '750', 600],
        ],
      },
      colour('Slate', 'Sage'),
    ],
    description:
      'Double-walled stainless steel keeps drinks cold for 24 hours or hot for 12. A leak-proof cap and a powder coat that will not chip.',
  },
  // ── Bags ─────────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'canvas-tote-bag',
    title: 'Canvas Tote Bag',
    category: 'bags',
    price: 2900,
    sku: 'BAG-TOT',
    options: [colour('Natural', 'Black')],
    description:
      'A 16 oz cotton canvas tote with long handles and an inside pocket. It carries the weekly shop and still looks good at the gallery.',
  },
  {
    slug: 'leather-weekender-bag',
    title: 'Leather Weekender Bag',
    category: 'bags',
    price: 34900,
    sku: 'BAG-WKD',
    options: [colour('Tan', 'Dark Brown')],
    description:
      'Vegetable-tanned full-grain leather, brass hardware and a cotton twill lining. Sized for carry-on and built for decades of weekends.',
    stock: 'out',
  },
  {
    slug: 'waxed-canvas-backpack',
    title: 'Waxed Canvas Backpack',
    category: 'bags',
    price: 15900,
    sku: 'BAG-WXB',
    options: [colour('Olive', 'Navy')],
    description:
      'A rugged backpack in waxed canvas with leather straps and a drawstring top under the flap. Water-resistant and endlessly repairable.',
  },
  {
    slug: 'market-string-bag',
    title: 'Market String Bag',
    category: 'bags',
    price: 1500,
    sku: 'BAG-STR',
    options: [colour('Natural', 'Green', 'Rust')],
    description:
      'A hand-knotted organic cotton net bag that stretches to hold a surprising amount. Scrunches into a pocket when empty.',
  },
  {
    slug: 'crossbody-sling-bag',
    title: 'Crossbody Sling Bag',
    category: 'bags',
    price: 5900,
    sku: 'BAG-SLG',
    options: [colour('Black', 'Sand')],
    description:
      'A compact sling with room for a phone, wallet, keys and a paperback. The adjustable strap lets you wear it across the chest or the back.',
  },
  // ── Small goods ──────────────────────────────────────────────────────────────────────────────
  {
    slug: 'leather-card-wallet',
    title: 'Leather Card Wallet',
    category: 'small-goods',
    price: 4900,
    sku: 'WLT-CRD',
    options: [colour('Tan', 'Black', 'Green')],
    description:
      'A slim card holder with four slots and a central pocket for folded notes. Hand-stitched from a single piece of bridle leather.',
  },
  {
    slug: 'brass-key-ring',
    title: 'Brass Key Ring',
    category: 'small-goods',
    price: 1900,
    sku: 'KEY-BRS',
    description:
      'A solid brass split ring with a snap hook that clips onto a belt loop. Small, satisfying and nearly indestructible.',
  },
  {
    slug: 'ribbed-merino-beanie',
    title: 'Ribbed Merino Beanie',
    category: 'small-goods',
    price: 3500,
    sku: 'HAT-BNE',
    options: [colour('Navy', 'Oat', 'Rust', 'Charcoal')],
    description:
      'A snug, fisherman-style beanie in a chunky merino rib. Wear it turned up once for a short fit or twice for a classic look.',
  },
  {
    slug: 'lambswool-scarf',
    title: 'Lambswool Scarf',
    category: 'small-goods',
    price: 5500,
    sku: 'SCF-LMB',
    options: [colour('Grey', 'Mustard')],
    description:
      'A long, generous scarf woven from soft Scottish lambswool. Brushed finish and knotted fringes.',
  },
  {
    slug: 'acetate-sunglasses',
    title: 'Acetate Sunglasses',
    category: 'small-goods',
    price: 11900,
    sku: 'SUN-ACT',
    options: [colour('Tortoise', 'Black')],
    description:
      'Hand-polished acetate frames with polarised, UV400 lenses. Comes with a recycled-felt case and a cleaning cloth.',
    stock: 'low',
  },
  // ── Pantry ───────────────────────────────────────────────────────────────────────────────────
  {
    slug: 'single-origin-coffee-beans',
    title: 'Single-Origin Coffee Beans',
    category: 'pantry',
    price: 1500,
    sku: 'COF-SGL',
    options: [
      {
        name: 'Grind',
        values: [
          ['Whole bean', 'WB'],
          ['Filter', 'FLT'],
          ['Espresso', 'ESP'],
        ],
      },
    ],
    description:
      'A washed Ethiopian Yirgacheffe with notes of bergamot, peach and black tea. Roasted in small batches every Tuesday; 250 g bag.',
  },
  {
    slug: 'sencha-green-tea',
    title: 'Sencha Green Tea',
    category: 'pantry',
    price: 1200,
    sku: 'TEA-SEN',
    options: [
      {
        name: 'Size',
        values: [
          ['50 g', '50G'],
          ['100 g', '100G', 900],
        ],
      },
    ],
    description:
      'First-flush loose-leaf sencha from Shizuoka, steamed for a sweet, grassy cup. Brew at 70 °C for a minute and a half.',
  },
  {
    slug: 'raw-wildflower-honey',
    title: 'Raw Wildflower Honey',
    category: 'pantry',
    price: 1100,
    sku: 'HNY-WLD',
    description:
      'Unheated, unfiltered honey from hives on the edge of a nature reserve. It sets slowly into a spreadable cream.',
    stock: 'out',
  },
  {
    slug: 'dark-chocolate-bar',
    title: '70% Dark Chocolate Bar',
    category: 'pantry',
    price: 650,
    sku: 'CHC-DRK',
    options: [
      {
        name: 'Flavour',
        values: [
          ['Plain', 'PLN'],
          ['Sea Salt', 'SLT'],
          ['Orange', 'ORG'],
        ],
      },
    ],
    description:
      'Bean-to-bar chocolate made from Peruvian cacao and organic cane sugar, nothing else. Each 70 g bar is wrapped in recycled paper.',
  },
  {
    slug: 'cold-pressed-olive-oil',
    title: 'Cold-Pressed Olive Oil',
    category: 'pantry',
    price: 1800,
    sku: 'OIL-OLV',
    options: [
      {
        name: 'Size',
        values: [
          ['500 ml', '500ML'],
          ['1 L', '1L', 1400],
        ],
      },
    ],
    description:
      'Early-harvest extra virgin olive oil from a family grove in the Alentejo. Peppery, green and perfect for finishing.',
  },
];
