import { describe, expect, it } from 'vitest';
import {
  ADMIN_HOME,
  adminNextPath,
  adminSignInHref,
  MAX_NEXT_LENGTH,
  safeNextPath,
  shopNextPath,
  signInHref,
} from './next-path';

/**
 * Targets that must never be followed, each as it arrives in `searchParams.next` (already
 * decoded once by the query string parser). The admin is also tested with `/admin` in front of
 * each, so they pass its prefix check on the way in.
 */
const OFF_SITE = [
  // Found by probing: each redirected to //evil.example.
  '/.//evil.example',
  '/a/..//evil.example',
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/./%2Fevil.example',
  '/./%2fevil.example',
  // Protocol-relative and absolute URLs.
  '//evil.example',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  'https://evil.example',
  'http:evil.example',
  'HTTPS://evil.example/account',
  '//evil.example/account',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  // Encoded separators (any case, also double- and triple-encoded).
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/%252f%252fevil.example',
  '/%252F/evil.example',
  '/%25252fevil.example',
  '/%255cevil.example',
  '/.%2f/evil.example',
  // Dot segments, raw and encoded.
  '/././/evil.example',
  '/x/../..//evil.example',
  '/%2e%2e//evil.example',
  '/%2e/%2e%2e//evil.example',
  '/%252e//evil.example',
  '/%25252e//evil.example',
  // Control characters and whitespace that URL parsers strip.
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0D%0A/evil.example',
  '/%2509/evil.example',
  '/\u0000/evil.example',
  '/%00/evil.example',
  '/\u007f/evil.example',
  ' //evil.example',
  '\t//evil.example',
  // Backslashes anywhere (browsers read `\` as `/`).
  '/.\\/evil.example',
  '/account\\..\\..\\/evil.example',
  // Nested encodings deeper than anyone uses.
  `/%${'25'.repeat(6)}2e//evil.example`,
  `/%${'25'.repeat(6)}2e`,
];

const NOT_STRINGS = [undefined, null, 42, ['/account'], { next: '/account' }, true];

describe('safeNextPath', () => {
  it.each(OFF_SITE)('refuses %j', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });

  it.each(NOT_STRINGS)('refuses a %j that is not a string', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });

  it('refuses the empty string and very long input', () => {
    expect(safeNextPath('')).toBeNull();
    const longest = `/${'a'.repeat(MAX_NEXT_LENGTH - 1)}`;
    expect(safeNextPath(longest)).toBe(longest);
    expect(safeNextPath(`${longest}a`)).toBeNull();
    expect(safeNextPath(`/${'..//'.repeat(50_000)}evil.example`)).toBeNull();
  });

  it.each([
    '/',
    '/account',
    '/account/addresses?x=1#y',
    '/c/mugs?cursor=eyJ0IjoiMjAyNCJ9',
    '/p/blue-mug',
    '/search?q=50%25%20off',
    '/admin/staff',
  ])('keeps the local path %j unchanged', (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it('resolves dot segments that stay on the site', () => {
    expect(safeNextPath('/account/./addresses')).toBe('/account/addresses');
    expect(safeNextPath('/a/../account')).toBe('/account');
    expect(safeNextPath('/%2e%2e/account')).toBe('/account');
    expect(safeNextPath('/../../account')).toBe('/account');
  });

  it('returns ASCII only: other characters come back percent-encoded', () => {
    expect(safeNextPath('/c/café')).toBe('/c/caf%C3%A9');
    // A fullwidth solidus is not a separator, and comes back encoded.
    expect(safeNextPath('/／evil.example')).toBe('/%EF%BC%8Fevil.example');
    expect(safeNextPath('/account?q=a b')).toBe('/account?q=a%20b');
  });

  it('refuses empty path segments anywhere, but not `//` in the query', () => {
    expect(safeNextPath('/account//addresses')).toBeNull();
    expect(safeNextPath('/account/')).toBe('/account/');
    expect(safeNextPath('/account?from=https://example.com/x')).toBe(
      '/account?from=https://example.com/x',
    );
  });

  it('keeps percent signs that encode nothing', () => {
    expect(safeNextPath('/account?discount=100%')).toBe('/account?discount=100%');
    expect(safeNextPath('/account?x=%zz')).toBe('/account?x=%zz');
  });

  it('applies `within` to the normalised path, and to every decoding of it', () => {
    const rules = { within: '/admin' };
    expect(safeNextPath('/admin', rules)).toBe('/admin');
    expect(safeNextPath('/admin?x=1', rules)).toBe('/admin?x=1');
    expect(safeNextPath('/admin/staff', rules)).toBe('/admin/staff');
    expect(safeNextPath('/administrator', rules)).toBeNull();
    expect(safeNextPath('/account', rules)).toBeNull();
    expect(safeNextPath('/admin/../account', rules)).toBeNull();
    expect(safeNextPath('/admin/%2e%2e/account', rules)).toBeNull();
    expect(safeNextPath('/admin/%252e%252e/account', rules)).toBeNull();
  });

  it('applies `exclude` to the path and everything below it', () => {
    const rules = { exclude: ['/sign-in'] };
    expect(safeNextPath('/sign-in', rules)).toBeNull();
    expect(safeNextPath('/sign-in?next=%2Faccount', rules)).toBeNull();
    expect(safeNextPath('/sign-in/', rules)).toBeNull();
    expect(safeNextPath('/account/../sign-in', rules)).toBeNull();
    expect(safeNextPath('/sign-inside', rules)).toBe('/sign-inside');
  });
});

describe('the shop', () => {
  it.each(OFF_SITE)('does not follow %j', (next) => {
    expect(shopNextPath(next)).toBeNull();
  });

  it('follows paths on the site, except its own sign-in pages', () => {
    expect(shopNextPath('/account/addresses?x=1#y')).toBe('/account/addresses?x=1#y');
    expect(shopNextPath('/p/blue-mug')).toBe('/p/blue-mug');
    expect(shopNextPath('/sign-in')).toBeNull();
    expect(shopNextPath('/sign-up?next=%2Faccount')).toBeNull();
  });

  it('builds the sign-in link with a way back only when there is one', () => {
    expect(signInHref('/account/addresses')).toBe('/sign-in?next=%2Faccount%2Faddresses');
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref(null)).toBe('/sign-in');
    expect(signInHref('/sign-up')).toBe('/sign-in');
    expect(signInHref('//evil.example')).toBe('/sign-in');
  });
});

describe('the admin', () => {
  const adminPayloads = OFF_SITE.filter((p) => p.startsWith('/')).map((p) => `/admin${p}`);

  it.each([...OFF_SITE, ...adminPayloads])('does not follow %j', (next) => {
    expect(adminNextPath(next)).toBe(ADMIN_HOME);
  });

  it.each(NOT_STRINGS)('falls back for %j', (next) => {
    expect(adminNextPath(next)).toBe(ADMIN_HOME);
  });

  it('follows admin pages only', () => {
    expect(adminNextPath('/admin/staff')).toBe('/admin/staff');
    expect(adminNextPath('/admin/orders?status=open#top')).toBe('/admin/orders?status=open#top');
    expect(adminNextPath('/admin')).toBe('/admin');
    expect(adminNextPath('/account')).toBe(ADMIN_HOME);
    expect(adminNextPath('/')).toBe(ADMIN_HOME);
    expect(adminNextPath('/adminx')).toBe(ADMIN_HOME);
  });

  it('never continues to its own sign-in or invitation pages', () => {
    expect(adminNextPath('/admin/sign-in')).toBe(ADMIN_HOME);
    expect(adminNextPath('/admin/sign-in?next=/admin/staff')).toBe(ADMIN_HOME);
    expect(adminNextPath('/admin/./accept-invite?token=x')).toBe(ADMIN_HOME);
    expect(adminNextPath('/admin/security/two-factor')).toBe('/admin/security/two-factor');
  });

  it('builds the sign-in link with a way back to admin pages only', () => {
    expect(adminSignInHref('/admin/staff')).toBe('/admin/sign-in?next=%2Fadmin%2Fstaff');
    expect(adminSignInHref('/admin')).toBe('/admin/sign-in?next=%2Fadmin');
    expect(adminSignInHref('/admin/staff?x=1')).toBe(
      '/admin/sign-in?next=%2Fadmin%2Fstaff%3Fx%3D1',
    );
    expect(adminSignInHref('/admin/sign-in')).toBe('/admin/sign-in');
    expect(adminSignInHref('/admin/.//evil.example')).toBe('/admin/sign-in');
  });
});
