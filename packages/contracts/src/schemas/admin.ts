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
