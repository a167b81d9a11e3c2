import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OPENAPI_JSON_PATH } from './openapi-document.ts';

/** Swagger UI's files, served from the installed `swagger-ui-dist`: no CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};

// The page's own script: a file, so the policy needs no inline script. Swagger UI's default
// validator badge would call validator.swagger.io; it is turned off.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(OPENAPI_JSON_PATH)},
    dom_id: '#docs',
    deepLinking: true,
    validatorUrl: null,
  });
});
`;

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bazaar API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

// Swagger UI styles elements inline (React style attributes) and draws some icons as data URLs.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const cache = new Map<string, Buffer>();

/** `/docs` (the page) and `/docs/assets/*`; false for any other path under `/docs`. */
export async function serveDocs(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/docs' || path === '/docs/') {
    send(req, res, 200, 'text/html; charset=utf-8', Buffer.from(HTML), {
      'content-security-policy': CSP,
      'cache-control': 'no-cache',
    });
    return true;
  }
  const name = /^\/docs\/assets\/([\w.-]+)$/.exec(path)?.[1];
  if (name === 'init.js') {
    send(req, res, 200, 'text/javascript; charset=utf-8', Buffer.from(INIT_JS), {
      'cache-control': 'no-cache',
    });
    return true;
  }
  const asset = name ? ASSETS[name] : undefined;
  if (!asset) return false;
  let body = cache.get(asset.file);
  if (!body) {
    body = await readFile(join(distDir, asset.file));
    cache.set(asset.file, body);
  }
  send(req, res, 200, asset.type, body, { 'cache-control': 'public, max-age=86400' });
  return true;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}
