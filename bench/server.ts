/**
 * One benchmark target per process, so the load generator never shares an event loop with it.
 *   tsx bench/server.ts trpc         → Bazaar's HTTP server (stub services, real router + adapter)
 *   tsx bench/server.ts bare <file>  → bare node:http answering every request with the file's bytes
 * Prints the listening port on stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Category, Services } from '@bazaar/contracts';
import { pino } from 'pino';
import { createApiServer } from '../apps/api/src/http/server.ts';

const categories: Category[] = [
  {
    id: '3f1b5c9e-6c1a-4b7e-9a51-0d7f7f0c1a01',
    slug: 'apparel',
    name: 'Apparel',
    description: 'Clothing',
    parentId: null,
    position: 0,
    productCount: 12,
  },
];

const unused = () => Promise.reject(new Error('not used by the benchmark'));
const services: Services = {
  catalog: { listCategories: async () => categories, listProducts: unused, productBySlug: unused },
};

const [mode, bodyFile] = process.argv.slice(2);
let server: Server;
if (mode === 'trpc') {
  server = createApiServer({ services, log: pino({ level: 'silent' }), ping: async () => true });
} else if (mode === 'bare' && bodyFile) {
  const body = readFileSync(bodyFile);
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
} else {
  throw new Error('usage: server.ts trpc | bare <body-file>');
}
server.listen(0, '127.0.0.1', () => {
  console.log((server.address() as AddressInfo).port);
});
