import { z } from 'zod';
import { emailSchema, permissionSchema, personNameSchema, roleRefSchema } from './accounts.ts';
import { timestampSchema } from './time.ts';

export const roleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(permissionSchema),
  /** Staff whose role requires two-factor authentication must enrol before they can work. */
  requiresTwoFactor: z.boolean(),
  memberCount: z.number().int().nonnegative(),
});
export type Role = z.infer<typeof roleSchema>;

export const staffMemberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleRefSchema,
  active: z.boolean(),
  /** Invited staff have not chosen a password yet. */
  invitePending: z.boolean(),
  twoFactorEnabled: z.boolean(),
  createdAt: timestampSchema,
  lastSignInAt: timestampSchema.nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const inviteStaffInputSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  roleId: z.uuid(),
});
export type InviteStaffInput = z.infer<typeof inviteStaffInputSchema>;

export const changeRoleInputSchema = z.object({ userId: z.uuid(), roleId: z.uuid() });
export const staffIdInputSchema = z.object({ userId: z.uuid() });

export const mailMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: timestampSchema,
});
export type MailMessage = z.infer<typeof mailMessageSchema>;
export const mailboxInputSchema = z.object({
  /** Only messages to this address. */
  to: emailSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

/** What staff see of an API key: never its secret, which is shown once, when it is created. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's start (`bzk_` and part of its id), to tell keys apart in logs and lists. */
  prefix: z.string(),
  role: roleRefSchema,
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const API_KEY_MAX_DAYS = 3650;
export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the key after the program that uses it').max(80),
  roleId: z.uuid(),
  /** Omitted: the key works until it is revoked. */
  expiresInDays: z.number().int().min(1).max(API_KEY_MAX_DAYS).optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const createdApiKeySchema = z.object({
  key: apiKeySchema,
  /** The bearer token. It is not stored and cannot be shown again. */
  token: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** A key's id: the 16 base32 characters after `bzk_` in its token. */
export const apiKeyIdSchema = z.string().regex(/^[a-z2-7]{16}$/, 'Unknown API key');
export const apiKeyIdInputSchema = z.object({ id: apiKeyIdSchema });
