import type { OrderAddress } from '@bazaar/contracts';
import { cityLine } from '@/lib/addresses';
import { countryName } from '@/lib/countries';

/** An order's shipping address as a label reads (server and client components alike). */
export function OrderAddressLines({ address }: { address: OrderAddress }) {
  const lines = [
    address.fullName,
    address.company,
    address.line1,
    address.line2,
    cityLine(address),
    address.region,
    countryName(address.country),
  ].filter(Boolean);
  return (
    <address className="not-italic leading-relaxed" data-testid="shipping-address">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of one address
        <span key={i} className="block">
          {line}
        </span>
      ))}
      {address.phone ? <span className="mt-1 block text-stone-600">{address.phone}</span> : null}
    </address>
  );
}
