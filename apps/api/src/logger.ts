import { type DestinationStream, type Logger, pino, type redactOptions } from 'pino';
import type { Env } from './env.ts';

export type { Logger };

/** Fields that may hold a secret, wherever they are logged: top level or one object down. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'sessionToken',
  'clientSecret',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
];

/**
 * Never logged: cookies and credentials in headers, secret-named fields (`input.password`,
 * `err.token`…), and the parameters of a failed query (they can be hashes of tokens).
 */
export const LOG_REDACT: redactOptions = {
  paths: [
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    'headers.cookie',
    'headers.authorization',
    'err.params',
    'err.parameters',
    ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ],
  censor: '[redacted]',
};

export function createLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'LOG_PRETTY'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: env.LOG_LEVEL,
    // The process id tells apart the lines of several instances (API_INSTANCES) in one stream.
    base: { service: 'bazaar-api', pid: process.pid },
    redact: LOG_REDACT,
  };
  if (destination) return pino(options, destination);
  return pino({
    ...options,
    ...(env.LOG_PRETTY
      ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
      : {}),
  });
}
