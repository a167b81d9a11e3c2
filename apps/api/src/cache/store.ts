/** Where cached values live: this process (an LRU) or Redis, shared by every API instance. */
export interface CacheStore {
  /** The value, or undefined when absent or expired. Rejects when the store is unreachable. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}
