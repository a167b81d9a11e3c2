import { currencyCodeSchema } from '@bazaar/contracts';
import { type NextRequest, NextResponse } from 'next/server';
import { isHttps } from '@/env';
import { CURRENCY_COOKIE, CURRENCY_COOKIE_MAX_AGE } from '@/lib/currency';
import { shopNextPath } from '@/lib/next-path';

/**
 * The currency switcher's form posts here (it works without JavaScript): remember the choice,
 * then go back to the page it was made on. A code the shop does not sell in is stored harmlessly:
 * pages fall back to the default currency.
 */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => null);
  const back = shopNextPath(form?.get('next')) ?? '/';
  // A relative Location: the shopper stays on the host they came from.
  const response = new NextResponse(null, { status: 303, headers: { location: back } });
  const currency = currencyCodeSchema.safeParse(form?.get('currency'));
  if (currency.success) {
    response.cookies.set(CURRENCY_COOKIE, currency.data, {
      path: '/',
      maxAge: CURRENCY_COOKIE_MAX_AGE,
      sameSite: 'lax',
      httpOnly: true,
      secure: isHttps,
    });
  }
  return response;
}
