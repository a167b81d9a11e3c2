'use client';

import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmailField, PasswordField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';

/** Re-reads the session (our own profile) and re-renders the server parts (the header's name). */
function useProfileChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.auth.session.queryKey() });
    router.refresh();
  };
}

export function ProfileSettings() {
  const trpc = useTRPC();
  const { data: session } = useSuspenseQuery(trpc.auth.session.queryOptions());
  if (session.status !== 'signed-in') return null;
  const { user } = session;
  return (
    <div className="space-y-6">
      <NameForm name={user.name} />
      <EmailPanel email={user.email} verified={user.emailVerified} />
    </div>
  );
}

function NameForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const profileChanged = useProfileChanged();
  const [saved, setSaved] = useState(false);
  const { formRef, errors, field, setFromError, clear } = useFormErrors({ fields: ['name'] });
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        profileChanged();
      },
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { name = '' } = formValues(event.currentTarget);
    clear();
    setSaved(false);
    update.mutate({ name });
  }

  return (
    <Card title="Your name" description="How we address you in emails and on your orders.">
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert message={errors?.formError} />
        <FormStatus message={saved ? 'Your name has been saved.' : null} />
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            defaultValue={name}
            error={field('name')}
            className="flex-1"
          />
          <Button type="submit" pending={update.isPending} className="sm:mt-7">
            Save name
          </Button>
        </div>
      </form>
    </Card>
  );
}

function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <Badge tone="success">
      <span aria-hidden="true">✓</span> Verified
    </Badge>
  ) : (
    <Badge tone="warning">Not verified</Badge>
  );
}

function EmailPanel({ email, verified }: { email: string; verified: boolean }) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const resendError = resend.isError ? formErrors(resend.error, { fields: [] }).formError : null;

  return (
    <Card title="Email address" description="Where we send order updates and sign-in help.">
      <div className="flex flex-wrap items-center gap-3">
        <p className="break-all font-medium text-stone-900">{email}</p>
        <VerifiedBadge verified={verified} />
      </div>
      {verified ? null : (
        <div className="mt-4 flex flex-col items-start gap-3 rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-200">
          <p className="text-amber-950 text-sm">
            Please confirm this address with the link we emailed you.
          </p>
          <Button
            variant="secondary"
            size="sm"
            pending={resend.isPending}
            onClick={() => resend.mutate()}
          >
            Resend verification email
          </Button>
          <FormStatus message={resend.isSuccess ? `We sent a new link to ${email}.` : null} />
          <FormAlert message={resendError ?? undefined} />
        </div>
      )}
      <ChangeEmailForm />
    </Card>
  );
}

function ChangeEmailForm() {
  const trpc = useTRPC();
  const profileChanged = useProfileChanged();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, errors, field, setFromError, clear } = useFormErrors({
    fields: ['newEmail', 'password'],
  });
  const change = useMutation(
    trpc.account.changeEmail.mutationOptions({
      onSuccess: (me) => {
        setSentTo(me.email);
        formRef.current?.reset();
        profileChanged();
      },
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { newEmail = '', password = '' } = formValues(event.currentTarget);
    clear();
    setSentTo(null);
    change.mutate({ newEmail, password });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="change-email-heading"
      className="mt-8 space-y-4 border-stone-200 border-t pt-6"
    >
      <h3 id="change-email-heading" className="font-medium text-stone-900">
        Change email address
      </h3>
      <FormAlert message={errors?.formError} />
      <FormStatus
        message={
          sentTo ? `Your email address is now ${sentTo}. We sent a link there to verify it.` : null
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <EmailField label="New email address" name="newEmail" error={field('newEmail')} />
        <PasswordField
          label="Current password"
          name="password"
          autoComplete="current-password"
          hint="To confirm it’s you."
          error={field('password')}
        />
      </div>
      <Button type="submit" variant="secondary" pending={change.isPending}>
        Change email
      </Button>
    </form>
  );
}
