'use client';

import type { ApiKey, CreatedApiKey, Role } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DateTime } from '@/components/ui/date-time';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { surfaceClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { RoleField } from './role-field';

/** Roles a key may have: never one that manages staff (the API refuses those too). */
const keyRoles = (roles: Role[]) => roles.filter((r) => !r.permissions.includes('staff:manage'));

const keyState = (key: ApiKey, now = Date.now()) =>
  key.revokedAt
    ? 'Revoked'
    : key.expiresAt && key.expiresAt.getTime() <= now
      ? 'Expired'
      : 'Active';

/** Staff API keys: make one (its token is shown once), see when each was last used, revoke. */
export function ApiKeyManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.admin.apiKeys.list.queryOptions());
  const roles = useQuery(trpc.admin.roles.list.queryOptions());
  const revoke = useMutation(trpc.admin.apiKeys.revoke.mutationOptions());
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [status, setStatus] = useState<string>();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<string>();
  const tableHeading = useId();
  const refresh = () => queryClient.invalidateQueries(trpc.admin.apiKeys.list.pathFilter());

  function confirmRevoke() {
    if (!revoking) return;
    setRevokeError(undefined);
    revoke.mutate(
      { id: revoking.id },
      {
        onSuccess: async (key) => {
          await refresh();
          setRevoking(null);
          setStatus(`${key.name} is revoked: programs using it are refused from now on.`);
        },
        onError: (error) => setRevokeError(formErrors(error, { fields: [] }).formError),
      },
    );
  }

  return (
    <div className="space-y-10">
      <PageHeading
        title="API keys"
        description="Keys let your programs call the shop's API with a role's permissions. Send one as “Authorization: Bearer <key>”."
      />
      <FormStatus message={status} />
      {created ? <NewKey created={created} onDone={() => setCreated(null)} /> : null}
      <CreateKeyForm
        roles={keyRoles(roles.data ?? [])}
        onCreated={async (result) => {
          await refresh();
          setStatus(undefined);
          setCreated(result);
        }}
      />

      <section aria-labelledby={tableHeading} className="space-y-3">
        <h2 id={tableHeading} className="font-semibold text-lg text-stone-900">
          Keys
        </h2>
        <FormAlert message={keys.error ? formErrors(keys.error, { fields: [] }).formError : null} />
        {keys.data?.length === 0 ? <p className="text-sm text-stone-500">No keys yet.</p> : null}
        {keys.data?.length ? (
          <div className={`${surfaceClass} relative overflow-x-auto`}>
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">API keys</caption>
              <thead className="border-stone-200 border-b text-stone-500 text-xs uppercase tracking-wide">
                <tr>
                  {['Name', 'Key', 'Role', 'Made by', 'Created', 'Last used', 'Status'].map((h) => (
                    <th key={h} scope="col" className="px-4 py-3 font-medium">
                      {h}
                    </th>
                  ))}
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {keys.data.map((key) => (
                  <KeyRow
                    key={key.id}
                    apiKey={key}
                    onRevoke={() => {
                      setRevokeError(undefined);
                      setRevoking(key);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke"
        variant="danger"
        pending={revoke.isPending}
        error={revokeError}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      >
        <p>Programs using this key are refused at once. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  const state = keyState(apiKey);
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 font-medium text-stone-900">
        {apiKey.name}
      </th>
      <td className="px-4 py-3 font-mono text-stone-700 text-xs">{apiKey.prefix}…</td>
      <td className="px-4 py-3 text-stone-700">{apiKey.role.name}</td>
      <td className="px-4 py-3 text-stone-700">{apiKey.createdBy.name}</td>
      <td className="whitespace-nowrap px-4 py-3 text-stone-700">
        <DateTime value={apiKey.createdAt} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-stone-700">
        {apiKey.lastUsedAt ? <DateTime value={apiKey.lastUsedAt} /> : 'Never'}
      </td>
      <td className="px-4 py-3">
        <Badge tone={state === 'Active' ? 'success' : 'muted'}>{state}</Badge>
        {apiKey.expiresAt && state === 'Active' ? (
          <span className="mt-1 block text-stone-500 text-xs">
            until <DateTime value={apiKey.expiresAt} />
          </span>
        ) : null}
      </td>
      <td className="px-4 py-3 text-right">
        {apiKey.revokedAt ? null : (
          <Button variant="secondary" size="sm" onClick={onRevoke}>
            Revoke<span className="sr-only"> {apiKey.name}</span>
          </Button>
        )}
      </td>
    </tr>
  );
}

/** The new key's token, this once: it is not stored and cannot be shown again. */
function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Card
      title={`Your new key “${created.key.name}”`}
      description="Copy it now and keep it somewhere safe: it will not be shown again."
    >
      <div className="space-y-4">
        <TextField
          label="API key"
          name="token"
          readOnly
          value={created.token}
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono"
        />
        <div className="flex gap-2">
          <Button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(created.token).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy key'}
          </Button>
          <Button type="button" variant="secondary" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    </Card>
  );
}

const EXPIRY_CHOICES = [
  { value: '', label: 'Never (until revoked)' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

function CreateKeyForm({
  roles,
  onCreated,
}: {
  roles: Role[];
  onCreated: (created: CreatedApiKey) => Promise<void>;
}) {
  const trpc = useTRPC();
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['name', 'roleId', 'expiresInDays'],
  });
  const create = useMutation(trpc.admin.apiKeys.create.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const { name = '', roleId = '', expiresInDays = '' } = formValues(formElement);
    if (!roleId) return setErrors({ fieldErrors: { roleId: ['Choose a role'] } });
    clear();
    create.mutate(
      { name, roleId, expiresInDays: expiresInDays ? Number(expiresInDays) : undefined },
      {
        onSuccess: async (result) => {
          formElement.reset();
          await onCreated(result);
        },
        onError: setFromError,
      },
    );
  }

  return (
    <Card
      title="Create a key"
      description="Name it after the program that will use it. Roles that manage staff cannot be given to keys."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert message={errors?.formError} />
        <div className="grid gap-4 md:grid-cols-3">
          <TextField label="Name" name="name" autoComplete="off" required error={field('name')} />
          <RoleField roles={roles} error={field('roleId')} />
          <SelectField
            label="Expires"
            name="expiresInDays"
            defaultValue=""
            error={field('expiresInDays')}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" pending={create.isPending}>
          Create key
        </Button>
      </form>
    </Card>
  );
}
