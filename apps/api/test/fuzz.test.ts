import { type Access, appRouter } from '@bazaar/contracts/server';
import { addresses, categories, products, roles } from '@bazaar/db/schema';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { customerAccount, type Person, staffMember } from './fixtures.ts';
import { PASSWORD, SHOP_ORIGIN, useTestApp } from './helpers.ts';

/**
 * Property-based fuzzing of the whole router over HTTP: every procedure, called anonymously, as a
 * customer and as staff holding every permission, with inputs derived from its Zod input schema
 * and laced with hostile values (control characters, lone surrogates, huge strings, deep nesting,
 * wrong types, huge numbers, `__proto__` keys, forged superjson metadata). No answer may be a 5xx.
 *
 * Deterministic: the seed is FUZZ_SEED or a fixed one, and is printed with any counterexample
 * (fast-check's report names seed and path; rerun with FUZZ_SEED=<seed>). FUZZ_RUNS scales the
 * number of runs per procedure (default 40).
 */
const app = useTestApp({ config: { demoMode: true } });
const SEED = Number(process.env.FUZZ_SEED ?? 7_007);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

type AnyProcedure = {
  _def: { type: 'query' | 'mutation'; meta?: { access: Access }; inputs: z.ZodType[] };
};
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).map(([path, p]) => ({
  path,
  type: p._def.type,
  access: p._def.meta?.access as Access,
  input: p._def.inputs[0]
    ? (z.toJSONSchema(p._def.inputs[0], { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : null,
}));

// ── Hostile values ─────────────────────────────────────────────────────────────────────────

/** An object nested `depth` levels deep: `{ a: { a: … } }`, or arrays `[[…]]`. */
function deep(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

/** An object whose own (JSON-visible) keys include `__proto__`, `constructor` and `prototype`. */
function protoKeys(inner: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = { constructor: { prototype: { polluted: true } } };
  Object.defineProperty(o, '__proto__', { value: inner, enumerable: true });
  o.prototype = inner;
  return o;
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[2J',
  '\u007f\u0085\u009f',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\u2028\u2029',
  '\u202egnp.exe',
  '\ufeff',
  '%00',
  "' or 1=1 --",
  '{{constructor}}',
  '__proto__',
  '',
  ' ',
  '\t\n\r',
  '😀'.repeat(64),
  'é'.repeat(300),
  'a'.repeat(100_000),
  'a@'.repeat(60_000),
  'x'.repeat(1024 * 1024),
];

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 2,
      -(2 ** 63),
      [],
      {},
      [[[]]],
      { length: 1e9 },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      deep(2_000, 'object'),
      deep(2_000, 'array'),
      protoKeys({ polluted: true }),
      protoKeys('x'),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Forged superjson metadata, which the server must not trust either. */
const hostileMeta: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { values: ['Date'] },
  { values: { name: ['bigint'] } },
  { values: { name: ['class', 'Nope'] } },
  { values: { name: ['custom', 'nope'] } },
  { values: { name: ['symbol', 'x'] } },
  { values: { name: [['map', 'set']] } },
  { values: { '__proto__.polluted': ['undefined'] } },
  { values: { 'constructor.prototype.polluted': ['Date'] } },
  { referentialEqualities: { name: ['__proto__'] } },
  { referentialEqualities: { '': ['__proto__.x'] } },
  protoKeys({ values: ['Date'] }),
  'meta',
  null,
);

// ── Valid-shaped values from the JSON Schema ──────────────────────────────────────────────

/** Values the shop knows (ids, slugs, the test password), so some calls reach real rows. */
const known: Record<string, string[]> = {
  password: [PASSWORD],
  email: ['nobody@example.com'],
  uuid: ['00000000-0000-4000-8000-000000000000'],
  slug: ['no-such-slug'],
};

/** Cursors that decode to keyset positions with odd times: what broke the catalog before. */
const timeText = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 1, max: 13 }),
    fc.integer({ min: 26, max: 32 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: -16, max: 16 }),
  )
  .map(([y, mo, d, h, mi, s, off]) => {
    const two = (n: number) => String(Math.abs(n)).padStart(2, '0');
    return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}.123456${off < 0 ? '-' : '+'}${two(off)}`;
  });
const cursor = fc
  .record({
    s: fc.oneof(
      { weight: 4, arbitrary: fc.constant('newest') },
      { weight: 1, arbitrary: fc.string() },
    ),
    t: fc.oneof(
      { weight: 4, arbitrary: timeText },
      { weight: 2, arbitrary: fc.constantFrom('1', '0', '2020-02-30', 'infinity', '') },
      { weight: 1, arbitrary: fc.string() },
    ),
    i: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.string() }),
  })
  .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'));

/** Mostly addresses the shop takes, some it must refuse politely. */
const email = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z0-9]{1,8})?@(example\.com|shop\.test)$/),
  },
  { weight: 1, arbitrary: fc.emailAddress().map((e) => `  ${e.toUpperCase()} `) },
  { weight: 1, arbitrary: fc.constant('not-an-email') },
);

/** A name, an address line: what people type (letters, digits, spaces, some punctuation). */
const typed = (min: number, max: number) =>
  fc
    .string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 60), unit: 'grapheme-ascii' })
    .map((text) => text.replace(/[^\w .,'&/-]/g, 'x'))
    .filter((text) => text.trim().length >= min);

/** Values the field's schema allows, leaning towards what the field usually holds. */
function stringFor(schema: JsonSchema, field: string): fc.Arbitrary<string> {
  const lower = field.toLowerCase();
  const pool = (name: string) => fc.constantFrom(...(known[name] ?? ['']));
  const usual: fc.Arbitrary<string>[] = [];
  if (lower.includes('email') || lower === 'to') usual.push(email, pool('email'));
  if (lower.includes('password')) usual.push(pool('password'));
  if (schema.format === 'uuid') usual.push(fc.uuid(), pool('uuid'));
  else if (lower.includes('slug')) usual.push(pool('slug'));
  const generic: fc.Arbitrary<string>[] = [];
  if (schema.pattern && schema.format !== 'uuid') {
    try {
      generic.push(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // a pattern fast-check cannot generate from: plain strings only
    }
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 64;
  if (generic.length === 0)
    generic.push(
      typed(min, max),
      fc.string({ minLength: min, maxLength: Math.min(max, 300), unit: 'grapheme' }),
    );
  if (lower === 'cursor') return fc.oneof({ weight: 4, arbitrary: cursor }, ...generic);
  return fc.oneof(
    ...usual.map((arbitrary) => ({ weight: 4, arbitrary })),
    ...generic.map((arbitrary) => ({ weight: 2, arbitrary })),
  );
}

/** Characters PostgreSQL refuses (NUL), that are not text (lone surrogates) or nobody types. */
const untypable = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '\u0001',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\ud800',
      '\udfff',
    ),
  },
);

/** A value `schema` allows (as far as its JSON Schema tells). */
function validFor(schema: JsonSchema, field = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => validFor(s, field)));
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  return fc.oneof(
    ...type.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'object': {
          const props = schema.properties ?? {};
          const required = new Set(schema.required ?? []);
          return fc.record(
            Object.fromEntries(Object.entries(props).map(([key, s]) => [key, validFor(s, key)])),
            { requiredKeys: Object.keys(props).filter((k) => required.has(k)) },
          );
        }
        case 'array':
          return fc.array(schema.items ? validFor(schema.items) : fc.jsonValue(), { maxLength: 4 });
        case 'string':
          return stringFor(schema, field);
        case 'integer':
          return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
        case 'number':
          return fc.double({ noNaN: true, min: schema.minimum, max: schema.maximum });
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        default:
          return fc.jsonValue({ maxDepth: 2 });
      }
    }),
  );
}

/** The leaves of a JSON value (strings, numbers, …) with their paths. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Object.entries(value as object);
  if (entries.length === 0) return [path];
  return entries.flatMap(([key, v]) => leaves(v, [...path, Array.isArray(value) ? +key : key]));
}

function replaced(
  value: unknown,
  path: (string | number)[],
  by: (old: unknown) => unknown,
): unknown {
  if (path.length === 0) return by(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

/**
 * A valid value with one spot made hostile: a character nobody types spliced into a string, a
 * hostile value instead of a leaf, or hostile keys added beside the valid ones.
 */
function oneSpotHostile(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validFor(schema),
      fc.nat(),
      fc.nat(),
      fc.integer({ min: 0, max: 4 }),
      untypable,
      hostile,
      fc.dictionary(fc.string({ maxLength: 8 }), hostile, { minKeys: 1, maxKeys: 2 }),
    )
    .map(([value, which, at, how, bad, other, extra]) => {
      const spots = leaves(value);
      const path = spots[which % spots.length] ?? [];
      if (how === 4 && value !== null && typeof value === 'object' && !Array.isArray(value))
        return { ...extra, ...value };
      return replaced(value, path, (old) => {
        if (how >= 2 || typeof old !== 'string') return other;
        const i = old.length ? at % (old.length + 1) : 0;
        return `${old.slice(0, i)}${bad}${old.slice(i)}`;
      });
    });
}

/** Hostility anywhere: every leaf may be hostile. */
function chaosFor(schema: JsonSchema, field = ''): fc.Arbitrary<unknown> {
  if (schema.type === 'object' && schema.properties)
    return fc.record(
      Object.fromEntries(
        Object.entries(schema.properties).map(([key, s]) => [key, chaosFor(s, key)]),
      ),
      { requiredKeys: [] },
    );
  return fc.oneof(
    { weight: 2, arbitrary: validFor(schema, field) },
    { weight: 1, arbitrary: hostile },
  );
}

// ── Calling over HTTP ───────────────────────────────────────────────────────────────────────

type ActorKind = 'anonymous' | 'customer' | 'staff';
let customer: Person;
let owner: Person;

/** A new session for each call, so sign-out and revocation never starve the calls after. */
async function cookieFor(actor: ActorKind): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  const who = actor === 'customer' ? customer : owner;
  const { token } = await app().services.sessions.create(who.id, actor, {
    secondFactorVerified: true,
    client: { ip: '198.51.100.200', userAgent: 'fuzz' },
  });
  return `bazaar_session=${token}`;
}

let callNumber = 0;
async function call(
  procedure: (typeof procedures)[number],
  actor: ActorKind,
  payload: unknown,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {
    origin: SHOP_ORIGIN,
    // A different address each call, so per-IP limits do not turn every later call into a 429.
    'x-forwarded-for': `2001:db8::${(++callNumber).toString(16)}`,
  };
  const cookie = await cookieFor(actor);
  if (cookie) headers.cookie = cookie;
  const url = `${app().url}/trpc/${procedure.path}`;
  const joiner = url.includes('?') ? '&' : '?';
  const res =
    procedure.type === 'query'
      ? await fetch(`${url}${joiner}input=${encodeURIComponent(JSON.stringify(payload))}`, {
          headers,
        })
      : await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
  return { status: res.status, body: (await res.text()).slice(0, 300) };
}

/** Who gets past the procedure's access check; others are tried now and then too. */
function actorsFor(access: Access): fc.Arbitrary<ActorKind> {
  const allowed: ActorKind[] =
    access.kind === 'public'
      ? ['anonymous', 'customer', 'staff']
      : access.kind === 'user'
        ? ['customer', 'staff']
        : access.kind === 'customer'
          ? ['customer']
          : ['staff'];
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...allowed) },
    { weight: 1, arbitrary: fc.constantFrom<ActorKind>('anonymous', 'customer', 'staff') },
  );
}

/** The request body: `{ json, meta? }` as superjson sends it, or something else entirely. */
const payloadFor = (input: JsonSchema | null) => {
  const wrap = (json: fc.Arbitrary<unknown>) => json.map((value) => ({ json: value }));
  if (!input) return fc.oneof(fc.constant({}), wrap(hostile), hostile);
  return fc.oneof(
    { weight: 5, arbitrary: wrap(validFor(input)) },
    { weight: 5, arbitrary: wrap(oneSpotHostile(input)) },
    { weight: 1, arbitrary: wrap(chaosFor(input)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validFor(input), hostileMeta)
        .map(([value, meta]) => ({ json: value, meta })),
    },
    { weight: 1, arbitrary: hostile },
  );
};

beforeAll(async () => {
  const db = app().db;
  customer = await customerAccount(db, { name: 'Fuzzy Customer' });
  owner = await staffMember(db, 'Owner', { name: 'Fuzzy Owner' });
  const [address] = await db
    .insert(addresses)
    .values({
      userId: customer.id,
      fullName: 'Fuzzy Customer',
      line1: '1 Fuzz Street',
      city: 'Testing',
      postalCode: '12345',
      country: 'DE',
    })
    .returning({ id: addresses.id });
  known.email = [customer.email, owner.email];
  known.uuid = [
    customer.id,
    owner.id,
    address?.id as string,
    ...(await db.select({ id: roles.id }).from(roles)).map((r) => r.id),
  ];
  known.slug = [
    ...(await db.select({ slug: products.slug }).from(products).limit(5)).map((p) => p.slug),
    ...(await db.select({ slug: categories.slug }).from(categories).limit(5)).map((c) => c.slug),
  ];
});

describe('fuzzing every procedure over HTTP: no input gets a 5xx', () => {
  it('covers the whole router', () => {
    expect(procedures.length).toBeGreaterThan(25);
    expect(procedures.filter((p) => p.input).length).toBeGreaterThan(15);
  });

  it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_, procedure) => {
    await fc.assert(
      fc.asyncProperty(
        actorsFor(procedure.access),
        payloadFor(procedure.input),
        async (actor, payload) => {
          const { status, body } = await call(procedure, actor, payload);
          if (status >= 500)
            throw new Error(`${procedure.path} as ${actor} answered ${status}: ${body}`);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it.each(['query', 'mutation'] as const)('batches of %s calls', async (type) => {
    const ofType = procedures.filter((p) => p.type === type);
    const batch = fc.array(
      fc
        .constantFrom(...ofType)
        .chain((p) => payloadFor(p.input).map((payload) => ({ p, payload }))),
      { minLength: 2, maxLength: 10 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ActorKind>('anonymous', 'customer', 'staff'),
        batch,
        async (actor, calls) => {
          const paths = calls.map((c) => c.p.path).join(',');
          const input = Object.fromEntries(calls.map((c, i) => [i, c.payload]));
          const { status, body } = await call(
            { path: `${paths}?batch=1`, type, access: { kind: 'public' }, input: null },
            actor,
            input,
          );
          if (status >= 500)
            throw new Error(`batch ${paths} as ${actor} answered ${status}: ${body}`);
        },
      ),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });
});
