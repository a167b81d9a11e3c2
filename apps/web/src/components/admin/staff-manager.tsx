'use client';

import type { Role, StaffMember } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DateTime } from '@/components/ui/date-time';
import { EmailField, SelectField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass, surfaceClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { fieldError, formErrors } from '@/lib/form-errors';
import { type StaffStatus, staffStatus } from '@/lib/staff';
import { useTRPC } from '@/trpc/react';
import { RoleField } from './role-field';

/** Invalidates what a staff change affects: the list, role member counts, the mailbox. */
function useRefreshStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.staff.list.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.roles.list.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.mailbox.pathFilter()),
    ]);
}

type PendingAction = { kind: 'deactivate' | 'reactivate'; member: StaffMember };

/** The staff list with invitations, role changes and (de)activation. */
export function StaffManager({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const staff = useQuery(trpc.admin.staff.list.queryOptions());
  const roles = useQuery(trpc.admin.roles.list.queryOptions());
  const refresh = useRefreshStaff();
  const [status, setStatus] = useState<string>();
  const [action, setAction] = useState<PendingAction | null>(null);
  const [actionError, setActionError] = useState<string>();
  const deactivate = useMutation(trpc.admin.staff.deactivate.mutationOptions());
  const reactivate = useMutation(trpc.admin.staff.reactivate.mutationOptions());
  const tableHeading = useId();

  function confirmAction() {
    if (!action) return;
    const { kind, member } = action;
    const mutation = kind === 'deactivate' ? deactivate : reactivate;
    setActionError(undefined);
    mutation.mutate(
      { userId: member.id },
      {
        onSuccess: async () => {
          await refresh();
          setAction(null);
          setStatus(
            kind === 'deactivate'
              ? `${member.name} is deactivated and signed out everywhere.`
              : `${member.name} is active again.`,
          );
        },
        onError: (error) => setActionError(formErrors(error, { fields: [] }).formError),
      },
    );
  }

  return (
    <div className="space-y-10">
      <PageHeading
        title="Staff"
        description={
          <>
            Invite staff and choose what they can do.{' '}
            <Link href="/admin/roles" className={linkClass}>
              What each role can do
            </Link>
          </>
        }
      />

      <FormStatus message={status} />

      <InviteForm
        roles={roles.data ?? []}
        onInvited={async (member) => {
          await refresh();
          setStatus(`Invitation sent to ${member.email}.`);
        }}
      />

      <section aria-labelledby={tableHeading} className="space-y-3">
        <h2 id={tableHeading} className="font-semibold text-lg text-stone-900">
          Team
        </h2>
        <FormAlert
          message={staff.error ? formErrors(staff.error, { fields: [] }).formError : null}
        />
        {staff.isPending ? <p className="text-sm text-stone-500">Loading staff…</p> : null}
        {staff.data ? (
          <div className={`${surfaceClass} relative overflow-x-auto`}>
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Staff members</caption>
              <thead className="border-stone-200 border-b text-stone-500 text-xs uppercase tracking-wide">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Email
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Role
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    2FA
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Last sign-in
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {staff.data.map((member) => (
                  <StaffRow
                    key={member.id}
                    member={member}
                    roles={roles.data ?? []}
                    isSelf={member.id === currentUserId}
                    onRoleChanged={(message) => setStatus(message)}
                    onAction={(kind) => {
                      setActionError(undefined);
                      setAction({ kind, member });
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <ConfirmDialog
        open={action !== null}
        title={
          action?.kind === 'deactivate'
            ? `Deactivate ${action.member.name}?`
            : `Reactivate ${action?.member.name ?? ''}?`
        }
        confirmLabel={action?.kind === 'deactivate' ? 'Deactivate' : 'Reactivate'}
        variant={action?.kind === 'deactivate' ? 'danger' : 'primary'}
        pending={deactivate.isPending || reactivate.isPending}
        error={actionError}
        onConfirm={confirmAction}
        onClose={() => setAction(null)}
      >
        {action?.kind === 'deactivate' ? (
          <p>
            {action.member.name} ({action.member.email}) is signed out everywhere at once and can’t
            sign in until someone reactivates them.
          </p>
        ) : (
          <p>They can sign in again with their existing password.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}

const STATUS_TONE: Record<StaffStatus, BadgeTone> = {
  Active: 'success',
  Invited: 'warning',
  Deactivated: 'muted',
};

function StatusBadge({ member }: { member: StaffMember }) {
  const status = staffStatus(member);
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}

function StaffRow({
  member,
  roles,
  isSelf,
  onRoleChanged,
  onAction,
}: {
  member: StaffMember;
  roles: Role[];
  isSelf: boolean;
  onRoleChanged: (message: string) => void;
  onAction: (kind: 'deactivate' | 'reactivate') => void;
}) {
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 font-medium text-stone-900">
        {member.name}
        {isSelf ? <span className="ml-2 font-normal text-stone-500 text-xs">(you)</span> : null}
      </th>
      <td className="px-4 py-3 text-stone-700">{member.email}</td>
      <td className="px-4 py-3">
        {isSelf || roles.length === 0 ? (
          <span className="text-stone-900">{member.role.name}</span>
        ) : (
          <RoleSelect member={member} roles={roles} onChanged={onRoleChanged} />
        )}
      </td>
      <td className="px-4 py-3">
        <StatusBadge member={member} />
      </td>
      <td className="px-4 py-3 text-stone-700">{member.twoFactorEnabled ? 'On' : 'Off'}</td>
      <td className="whitespace-nowrap px-4 py-3 text-stone-700">
        {member.lastSignInAt ? <DateTime value={member.lastSignInAt} /> : 'Never'}
      </td>
      <td className="px-4 py-3 text-right">
        {isSelf ? null : member.active ? (
          <Button variant="secondary" size="sm" onClick={() => onAction('deactivate')}>
            Deactivate<span className="sr-only"> {member.name}</span>
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => onAction('reactivate')}>
            Reactivate<span className="sr-only"> {member.name}</span>
          </Button>
        )}
      </td>
    </tr>
  );
}

function RoleSelect({
  member,
  roles,
  onChanged,
}: {
  member: StaffMember;
  roles: Role[];
  onChanged: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshStaff();
  const [roleId, setRoleId] = useState(member.role.id);
  const [error, setError] = useState<string>();
  const changeRole = useMutation(trpc.admin.staff.changeRole.mutationOptions());
  const changed = roleId !== member.role.id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    changeRole.mutate(
      { userId: member.id, roleId },
      {
        onSuccess: async (updated) => {
          await refresh();
          onChanged(`${updated.name} is now ${updated.role.name}.`);
        },
        onError: (err) => {
          const errors = formErrors(err, { fields: ['roleId'] });
          setError(fieldError(errors, 'roleId') ?? errors.formError);
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="min-w-48">
      <div className="flex items-start gap-2">
        <SelectField
          label={`Role for ${member.name}`}
          hideLabel
          value={roleId}
          onChange={(event) => setRoleId(event.target.value)}
          error={error}
          className="flex-1"
        >
          {roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </SelectField>
        {changed ? (
          <Button type="submit" size="sm" className="mt-1" pending={changeRole.isPending}>
            Save<span className="sr-only"> role for {member.name}</span>
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function InviteForm({
  roles,
  onInvited,
}: {
  roles: Role[];
  onInvited: (member: StaffMember) => Promise<void>;
}) {
  const trpc = useTRPC();
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['name', 'email', 'roleId'],
  });
  const invite = useMutation(trpc.admin.staff.invite.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const { name = '', email = '', roleId = '' } = formValues(formElement);
    if (!roleId) return setErrors({ fieldErrors: { roleId: ['Choose a role'] } });
    clear();
    invite.mutate(
      { name, email, roleId },
      {
        onSuccess: async (member) => {
          formElement.reset();
          await onInvited(member);
        },
        onError: setFromError,
      },
    );
  }

  return (
    <Card
      title="Invite a staff member"
      description="They get an email with a link to choose their password."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert message={errors?.formError} />
        <div className="grid gap-4 md:grid-cols-3">
          <TextField label="Name" name="name" autoComplete="off" required error={field('name')} />
          <EmailField autoComplete="off" required error={field('email')} />
          <RoleField
            roles={roles}
            error={field('roleId')}
            note={(role) => (role.requiresTwoFactor ? ' (requires two-factor)' : '')}
          />
        </div>
        <Button type="submit" pending={invite.isPending}>
          Send invitation
        </Button>
      </form>
    </Card>
  );
}
