import { parseArgs } from 'node:util';

/**
 * A benchmark's numeric options, e.g. `{ duration: 8, connections: 20 }` for `--duration 8
 * --connections 20`. Every benchmark takes `--duration` (seconds of measurement), so CI can run
 * them briefly. Exits with a usage line on an unknown option or a value that is not positive.
 */
export function benchOptions<const Options extends { duration: number }>(
  name: string,
  defaults: Options,
): Options {
  const usage = Object.entries(defaults)
    .map(([key, value]) => `[--${key} ${value}]`)
    .join(' ');
  try {
    const { values } = parseArgs({
      options: Object.fromEntries(Object.keys(defaults).map((key) => [key, { type: 'string' }])),
      strict: true,
    });
    const options: Record<string, number> = { ...defaults };
    for (const [key, value] of Object.entries(values)) {
      const number = Number(value);
      if (!(number > 0)) throw new Error(`--${key} must be a positive number, got "${value}"`);
      options[key] = number;
    }
    return options as Options;
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}\nUsage: pnpm bench ${name} ${usage}`);
    process.exit(2);
  }
}
