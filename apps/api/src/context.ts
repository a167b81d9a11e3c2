import type { Context, Services } from '@bazaar/contracts';
import type { Logger } from './logger.ts';

/** Per-request state the HTTP layer hands to the tRPC context. */
export interface RequestState {
  requestId: string;
  log: Logger;
}

export function createContext(services: Services, state: RequestState): Context {
  // Sessions arrive with the accounts issue; until then every caller is anonymous.
  return { requestId: state.requestId, actor: { kind: 'anonymous' }, services };
}
