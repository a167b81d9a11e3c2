import { describe, expect, it } from 'vitest';
import * as publicEntry from '../src/index.ts';
import * as serverEntry from '../src/server.ts';

describe('entries', () => {
  it('the public entry has the client, schemas and error codes, nothing the server runs on', () => {
    expect(publicEntry).toHaveProperty('createClient');
    expect(publicEntry).toHaveProperty('isBazaarError');
    expect(publicEntry).toHaveProperty('bazaarErrorCodes');
    expect(publicEntry).toHaveProperty('productListInputSchema');
    for (const serverPart of [
      'appRouter',
      'createCallerFactory',
      'AppError',
      'notFound',
      'signedIn',
    ]) {
      expect(publicEntry, serverPart).not.toHaveProperty(serverPart);
      expect(serverEntry, serverPart).toHaveProperty(serverPart);
    }
  });
});
