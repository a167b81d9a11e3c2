import { appRouter } from '@bazaar/contracts/server';
import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from 'trpc-to-openapi';
import { type CookieConfig, cookieName } from '../security/cookies.ts';

export type OpenApiDocument = OpenAPIObject;

/** The REST routes' mount point; the contract's route paths are relative to it. */
export const REST_BASE = '/api/v1';
/** Where the document is served as JSON. */
export const OPENAPI_JSON_PATH = `${REST_BASE}/openapi.json`;

/**
 * The OpenAPI 3.1 document of the contract's REST routes: the public and customer procedures
 * that declare one (`publicRoute`, `userRoute`, `customerRoute`). Made once at start-up.
 */
export function createOpenApiDocument(cookie: CookieConfig): OpenApiDocument {
  return generateOpenApiDocument(appRouter as unknown as OpenApiRouter, {
    title: 'Bazaar API',
    description:
      "The shop's public catalog, cart, checkout and the signed-in customer's account and orders. " +
      'Sign in with `POST /auth/sign-in`: the session is a cookie, sent back on later calls. ' +
      'Requests that change state need `content-type: application/json` (DELETE: no body) and, ' +
      "from a browser, the shop's own origin. Errors answer `{ code, message, issues?, data }`.",
    version: '1.0.0',
    baseUrl: REST_BASE,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: cookieName('session', cookie) },
    },
    tags: ['Catalog', 'Cart', 'Checkout', 'Orders', 'Account'],
  });
}

interface QueryRoute {
  method: string;
  pattern: RegExp;
  /** Query parameter name → its JSON Schema type (`integer`, `boolean`, `string`…). */
  types: Map<string, string>;
}

/**
 * The types of each GET/DELETE route's query parameters, looked up by method and request path:
 * a query string holds only text, and the REST layer types it before the procedure validates it.
 */
export function queryParameterTypes(
  document: OpenApiDocument,
): (method: string | undefined, path: string) => ReadonlyMap<string, string> | undefined {
  const routes: QueryRoute[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const types = new Map<string, string>();
      for (const parameter of operation.parameters ?? []) {
        if (!('in' in parameter) || parameter.in !== 'query') continue;
        const declared = (parameter.schema as { type?: unknown } | undefined)?.type;
        const type = [declared].flat().find((t) => typeof t === 'string' && t !== 'null');
        if (typeof type === 'string') types.set(parameter.name, type);
      }
      const source = template.replace(/\{\w+\}/g, '[^/]+');
      routes.push({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}/?$`, 'i'),
        types,
      });
    }
  }
  return (method, path) => {
    const pathname = path.split('?')[0] ?? '';
    return routes.find((r) => r.method === method && r.pattern.test(pathname))?.types;
  };
}
