import { z } from 'zod';
import { permissions } from '../access.ts';
import { plainText } from './text.ts';
import { timestampSchema } from './time.ts';

/** Emails are compared trimmed and lower-cased; 254 is the SMTP path limit. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address')
  .max(254, 'Email addresses are at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** A password being chosen. Strength (common passwords, guessability) is checked by the server. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password being checked: any non-empty string up to the maximum length. */
export const passwordSchema = z
  .string()
  .min(1, 'Enter your password')
  .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters`);

export const personNameSchema = plainText(100, { label: 'A name' }).min(1, 'Enter a name');

/** Single-use tokens sent by email (reset, verification, invitation): 32 base32 characters. */
export const emailTokenSchema = z
  .string()
  .trim()
  .regex(/^[a-z2-7]{32}$/, 'This link is malformed. Copy the whole link from the email.');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

/** Recovery codes are shown as `xxxxx-xxxxx`; the hyphen and case are optional when typed. */
export const recoveryCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[a-z2-7]{10}$/, 'Enter a recovery code like abcde-fghij'));

export const userKindSchema = z.enum(['customer', 'staff']);
export type UserKind = z.infer<typeof userKindSchema>;

export const permissionSchema = z.enum(permissions);

export const roleRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** The signed-in user as they see themselves. */
export const meSchema = z.object({
  id: z.uuid(),
  kind: userKindSchema,
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  /** Staff only. */
  role: roleRefSchema.nullable(),
  permissions: z.array(permissionSchema),
  twoFactorEnabled: z.boolean(),
  /** Staff whose role requires two-factor and who have not enrolled yet may only enrol. */
  twoFactorEnrolmentRequired: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

/** Where the caller's session stands. `pending-second-factor`: password accepted, TOTP still due. */
export const sessionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out') }),
  z.object({ status: z.literal('pending-second-factor') }),
  z.object({ status: z.literal('signed-in'), user: meSchema }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signUpInputSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpInputSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const secondFactorInputSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('totp'), code: totpCodeSchema }),
  z.object({ method: z.literal('recovery-code'), code: recoveryCodeSchema }),
]);
export type SecondFactorInput = z.infer<typeof secondFactorInputSchema>;

export const passwordResetRequestInputSchema = z.object({ email: emailSchema });
export const passwordResetInputSchema = z.object({
  token: emailTokenSchema,
  password: newPasswordSchema,
});
export type PasswordResetInput = z.infer<typeof passwordResetInputSchema>;
export const emailTokenInputSchema = z.object({ token: emailTokenSchema });

/** Generic acknowledgement for requests whose outcome must not reveal whether an account exists. */
export const acceptedSchema = z.object({ accepted: z.literal(true) });

// ── Account area ───────────────────────────────────────────────────────────────

export const updateProfileInputSchema = z.object({ name: personNameSchema });
export const changeEmailInputSchema = z.object({
  newEmail: emailSchema,
  password: passwordSchema,
});
export type ChangeEmailInput = z.infer<typeof changeEmailInputSchema>;
export const changePasswordInputSchema = z.object({
  currentPassword: passwordSchema,
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const sessionSummarySchema = z.object({
  id: z.string(),
  current: z.boolean(),
  /** Human summary of the user agent, e.g. "Firefox on Linux". */
  device: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
/** Session ids are 32 base32 characters (see the API's session store). */
export const sessionIdSchema = z.string().regex(/^[a-z2-7]{32}$/, 'Unknown session');
export const sessionIdInputSchema = z.object({ id: sessionIdSchema });

const optionalLine = (max: number) => plainText(max).default('');

/** ISO 3166-1 alpha-2, upper-cased. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code, like DE or US');

export const addressInputSchema = z.object({
  fullName: personNameSchema,
  company: optionalLine(100),
  line1: plainText(200).min(1, 'Enter the street address'),
  line2: optionalLine(200),
  city: plainText(100).min(1, 'Enter the city'),
  region: optionalLine(100),
  postalCode: plainText(20).min(1, 'Enter the postal code'),
  country: countryCodeSchema,
  phone: optionalLine(40),
  isDefault: z.boolean().default(false),
});
export type AddressInput = z.infer<typeof addressInputSchema>;

export const addressSchema = addressInputSchema.extend({
  id: z.uuid(),
  company: z.string(),
  line2: z.string(),
  region: z.string(),
  phone: z.string(),
  isDefault: z.boolean(),
  createdAt: timestampSchema,
});
export type Address = z.infer<typeof addressSchema>;
export const MAX_ADDRESSES = 20;

export const addressUpdateInputSchema = z.object({ id: z.uuid(), address: addressInputSchema });
export const addressIdInputSchema = z.object({ id: z.uuid() });

// ── Two-factor (staff) ─────────────────────────────────────────────────────────

export const totpEnrolmentSchema = z.object({
  /** otpauth:// URI to render as a QR code. */
  uri: z.string(),
  /** The same key in base32, for typing into an authenticator by hand. */
  secret: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
