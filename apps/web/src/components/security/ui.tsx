'use client';

import type { ReactNode } from 'react';
import {
  FormAlert as ShopAlert,
  Button as ShopButton,
  Panel as ShopSection,
  FormStatus as ShopStatus,
  TextField as ShopTextField,
} from '@/components/account/form-controls';
import { LocalTime } from '@/components/account/local-time';
import { Card as AdminSection } from '@/components/admin/card';
import { DateTime } from '@/components/admin/date-time';
import {
  FormAlert as AdminAlert,
  Button as AdminButton,
  Field as AdminField,
  StatusMessage as AdminStatus,
} from '@/components/admin/form';

/** Which area's look the security components take: the storefront account or the admin. */
export type SecurityVariant = 'shop' | 'admin';

interface SectionProps {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}

interface PasswordFieldProps {
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  minLength?: number;
  error: string | undefined;
}

interface ButtonProps {
  /** `main` is the form's submit; `revoke` ends a session. */
  intent: 'main' | 'secondary' | 'revoke';
  type?: 'button' | 'submit';
  size?: 'sm' | 'md';
  pending: boolean;
  /** Replaces the label while pending where the area shows text rather than a spinner. */
  pendingLabel: string;
  disabled?: boolean;
  onClick?: () => void;
  children: ReactNode;
}

/** The building blocks one area draws the security components with. */
export interface SecurityUi {
  Section: (props: SectionProps) => ReactNode;
  PasswordField: (props: PasswordFieldProps) => ReactNode;
  Button: (props: ButtonProps) => ReactNode;
  Alert: (props: { message: string | undefined }) => ReactNode;
  Status: (props: { message: string | null }) => ReactNode;
  Time: (props: { date: Date }) => ReactNode;
  /** Lays out the password form's fields. */
  fieldsClass: string;
  /** The "This device" badge. */
  badgeClass: string;
  /** After a form-level failure, focus moves to the form's alert (the admin's forms all do). */
  focusAlert: boolean;
}

const shop: SecurityUi = {
  Section: ShopSection,
  PasswordField: (props) => <ShopTextField type="password" {...props} />,
  // The storefront's buttons show a spinner while pending; `pendingLabel` is not shown.
  Button: ({ intent, pendingLabel: _, ...props }) => (
    <ShopButton
      variant={intent === 'main' ? 'primary' : intent === 'revoke' ? 'danger' : 'secondary'}
      {...props}
    />
  ),
  Alert: ShopAlert,
  Status: ShopStatus,
  Time: LocalTime,
  fieldsClass: 'grid gap-4 sm:grid-cols-2',
  badgeClass: 'rounded-full bg-brand-100 px-2.5 py-0.5 font-medium text-brand-800 text-xs',
  focusAlert: false,
};

const admin: SecurityUi = {
  Section: AdminSection,
  PasswordField: (props) => <AdminField type="password" required {...props} />,
  Button: ({ intent, ...props }) => (
    <AdminButton variant={intent === 'main' ? 'primary' : 'secondary'} {...props} />
  ),
  Alert: AdminAlert,
  Status: ({ message }) => <AdminStatus message={message ?? undefined} />,
  Time: ({ date }) => <DateTime value={date} />,
  fieldsClass: 'max-w-sm space-y-4',
  badgeClass: 'rounded-full bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900 text-xs',
  focusAlert: true,
};

export const securityUi: Record<SecurityVariant, SecurityUi> = { shop, admin };
