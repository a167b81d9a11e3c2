'use client';

import { emailSchema } from '@bazaar/contracts';
import Link from 'next/link';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { linkClass } from '@/components/ui/styles';
import { formValues } from '@/components/ui/use-form-errors';
import { issuesToErrors } from '@/lib/checkout';
import type { FormErrors } from '@/lib/form-errors';
import { signInHref } from '@/lib/next-path';
import { useStepErrors } from './use-step-errors';

/** Step 1: where the order confirmation and updates go. */
export function ContactStep({
  email,
  signedInAs,
  serverErrors,
  onDone,
}: {
  email: string;
  /** The signed-in shopper's own email, or null for a guest. */
  signedInAs: string | null;
  serverErrors: FormErrors | undefined;
  onDone: (email: string) => void;
}) {
  const { formRef, errors, field, setErrors, clear } = useStepErrors(['email'], serverErrors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(formValues(event.currentTarget).email ?? '');
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ ...i, path: ['email'] }))));
      return;
    }
    clear();
    onDone(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <EmailField
        defaultValue={email}
        error={field('email')}
        hint="We send the order confirmation and shipping updates here."
      />
      {signedInAs ? (
        <p className="text-sm text-stone-600">
          Signed in as <span className="font-medium text-stone-900">{signedInAs}</span>.
        </p>
      ) : (
        <p className="text-sm text-stone-600">
          Have an account?{' '}
          <Link href={signInHref('/checkout')} className={linkClass}>
            Sign in
          </Link>{' '}
          to use your saved addresses.
        </p>
      )}
      <Button type="submit">Continue</Button>
    </form>
  );
}
