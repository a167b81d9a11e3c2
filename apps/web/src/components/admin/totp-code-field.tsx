import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui/field';

/** The 6-digit code from an authenticator app. */
export function TotpCodeField(props: Omit<ComponentProps<typeof TextField>, 'label' | 'name'>) {
  return (
    <TextField
      label="Authentication code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      required
      {...props}
    />
  );
}
