// trpc-to-openapi's types import its Next.js adapter's request types from `next`, which would
// bring Next's globals (a required NODE_ENV on ProcessEnv) into the API. The API never uses that
// adapter; these stand-ins keep Next's types out of its program.
export type NextApiRequest = unknown;
export type NextApiResponse = unknown;
