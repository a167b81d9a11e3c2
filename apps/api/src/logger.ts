import { type Logger, pino } from 'pino';
import type { Env } from './env.ts';

export type { Logger };

export function createLogger(env: Pick<Env, 'LOG_LEVEL' | 'LOG_PRETTY'>): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: 'bazaar-api' },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    ...(env.LOG_PRETTY
      ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
      : {}),
  });
}
