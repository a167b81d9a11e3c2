import { z } from 'zod';

/**
 * A moment in time: a `Date` over tRPC (superjson), an ISO 8601 string over REST, which the
 * OpenAPI document says with its `date-time` format.
 */
export const timestampSchema = z.date().meta({ format: 'date-time' });
