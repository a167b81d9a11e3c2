import { jsonLdText } from '@/lib/seo/product-json-ld';

/**
 * Structured data for search engines. A JSON-LD block is data, never run, so the CSP's
 * script-src (nonce, 'strict-dynamic') does not apply to it and it needs no nonce.
 */
export function JsonLd({ data }: { data: unknown }) {
  return (
    <script
      type="application/ld+json"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every `<` escaped
      dangerouslySetInnerHTML={{ __html: jsonLdText(data) }}
    />
  );
}
