import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { APIRequestContext } from '@playwright/test';

/**
 * tRPC over HTTP through the web app's same-origin `/trpc` rewrite, for setting up and checking
 * accounts from tests. Every actor gets its own `APIRequestContext` (or a page's `page.request`,
 * which shares the browser context's cookies), so sessions never mix. Inputs here are plain
 * JSON, so the superjson envelope is just `{ json: … }`; Dates come back as ISO strings.
 */

/** The origin the API accepts mutations from (it refuses cross-site requests). */
export const WEB_ORIGIN = process.env.E2E_WEB_ORIGIN ?? 'http://127.0.0.1:3100';

export const DEMO_OWNER = {
  email: 'owner@bazaar.test',
  password: 'bazaar-owner-demo',
  name: 'Demo Owner',
} as const;

export interface TrpcResponse {
  status: number;
  /** The procedure's output, when it succeeded. */
  data?: unknown;
  /** The error's `data.code` (`FORBIDDEN`, …), when it failed. */
  code?: string;
  message?: string;
}

async function parse(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<TrpcResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: res.status(), message: text };
  }
  const envelope = body as {
    result?: { data?: { json?: unknown } };
    error?: { json?: { message?: string; data?: { code?: string } } };
  };
  if (envelope.error) {
    return {
      status: res.status(),
      ...(envelope.error.json?.data?.code ? { code: envelope.error.json.data.code } : {}),
      ...(envelope.error.json?.message ? { message: envelope.error.json.message } : {}),
    };
  }
  return { status: res.status(), data: envelope.result?.data?.json };
}

/** A query, whatever its outcome. */
export async function rawQuery(
  request: APIRequestContext,
  path: string,
  input?: unknown,
): Promise<TrpcResponse> {
  const params: Record<string, string> =
    input === undefined ? {} : { input: JSON.stringify({ json: input }) };
  return parse(await request.get(`/trpc/${path}`, { params }));
}

/** A mutation, whatever its outcome. */
export async function rawMutation(
  request: APIRequestContext,
  path: string,
  input?: unknown,
): Promise<TrpcResponse> {
  return parse(
    await request.post(`/trpc/${path}`, {
      headers: { 'content-type': 'application/json', origin: WEB_ORIGIN },
      data: input === undefined ? {} : { json: input },
    }),
  );
}

function ok<T>(path: string, response: TrpcResponse): T {
  if (response.status >= 400 || response.code) {
    throw new Error(
      `${path} failed with HTTP ${response.status} ${response.code ?? ''}: ${response.message ?? ''}`,
    );
  }
  return response.data as T;
}

export const query = async <T>(request: APIRequestContext, path: string, input?: unknown) =>
  ok<T>(path, await rawQuery(request, path, input));

export const mutation = async <T>(request: APIRequestContext, path: string, input?: unknown) =>
  ok<T>(path, await rawMutation(request, path, input));

// ── Typed helpers ──────────────────────────────────────────────────────────────

interface Me {
  id: string;
  kind: 'customer' | 'staff';
  email: string;
  name: string;
  role: { id: string; name: string } | null;
  permissions: string[];
  twoFactorEnabled: boolean;
  twoFactorEnrolmentRequired: boolean;
}

export type SessionState =
  | { status: 'signed-out' }
  | { status: 'pending-second-factor' }
  | { status: 'signed-in'; user: Me };

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: { id: string; name: string };
  active: boolean;
  invitePending: boolean;
  twoFactorEnabled: boolean;
}

export interface Role {
  id: string;
  name: string;
  permissions: string[];
  requiresTwoFactor: boolean;
  memberCount: number;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export const session = (request: APIRequestContext) => query<SessionState>(request, 'auth.session');

export const signIn = (
  request: APIRequestContext,
  credentials: { email: string; password: string },
) => mutation<SessionState>(request, 'auth.signIn', credentials);

export const signUp = (
  request: APIRequestContext,
  input: { name: string; email: string; password: string },
) => mutation<SessionState>(request, 'auth.signUp', input);

export const signOut = (request: APIRequestContext) => mutation(request, 'auth.signOut');

export const listStaff = (request: APIRequestContext) =>
  query<StaffMember[]>(request, 'admin.staff.list');

export const listRoles = (request: APIRequestContext) => query<Role[]>(request, 'admin.roles.list');

export async function roleByName(request: APIRequestContext, name: string) {
  const role = (await listRoles(request)).find((r) => r.name === name);
  if (!role) throw new Error(`No role named ${name}`);
  return role;
}

export const inviteStaff = (
  request: APIRequestContext,
  input: { name: string; email: string; roleId: string },
) => mutation<StaffMember>(request, 'admin.staff.invite', input);

export const acceptInvite = (
  request: APIRequestContext,
  input: { token: string; password: string },
) => mutation(request, 'auth.acceptInvite', input);

export const mailbox = (request: APIRequestContext, input: { to?: string; limit?: number }) =>
  query<MailMessage[]>(request, 'admin.mailbox.list', { limit: 50, ...input });

/** The token of the newest invitation mailed to `email` (read as a staff:manage holder). */
export async function invitationToken(ownerRequest: APIRequestContext, email: string) {
  const messages = await mailbox(ownerRequest, { to: email });
  for (const message of messages) {
    const match = message.text.match(/\/admin\/accept-invite\?token=([a-z2-7]{32})/);
    if (match?.[1]) return match[1];
  }
  throw new Error(`No invitation mail to ${email} (found ${messages.length} messages)`);
}

/** A unique address per call, so tests can run in parallel and repeatedly on one database. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * A code for `secret` the API accepts now and has not accepted before. The API takes codes of the
 * current 30-second step and one step either side (clock drift), and after accepting one only
 * codes of later steps: so when the current step's code is used up, the next step's code is
 * valid at once and nobody waits for the clock. `used` holds the steps handed out so far.
 */
export async function totpCode(secret: string, used: Set<number> = new Set()) {
  const key = decodeBase32IgnorePadding(secret);
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const last = Math.max(current - 1, ...used);
    const step = Math.max(current, last + 1);
    if (step <= current + 1) {
      used.add(step);
      return generateHOTP(key, BigInt(step), 6);
    }
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 250));
  }
}
