'use client';

import type { Role, StaffMember } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useId, useRef, useState } from 'react';
import { type FormErrors, fieldError, formErrors, NO_ERRORS } from '@/lib/form-errors';
import { type StaffStatus, staffStatus } from '@/lib/staff';
import { useTRPC } from '@/trpc/react';
import { Card } from './card';
import { ConfirmDialog } from './confirm-dialog';
import { DateTime } from './date-time';
import { Button, Field, FormAlert, SelectField, StatusMessage, useFocusFirstError } from './form';
import { inputClass } from './styles';

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
      <div>
        <h1 className="font-semibold text-2xl text-stone-900 tracking-tight">Staff</h1>
        <p className="mt-1 text-stone-600">
          Invite staff and choose what they can do.{' '}
          <Link href="/admin/roles" className="text-brand-700 underline">
            What each role can do
          </Link>
        </p>
      </div>

      <StatusMessage message={status} />

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
        {staff.error ? (
          <FormAlert message={formErrors(staff.error, { fields: [] }).formError} />
        ) : null}
        {staff.isPending ? <p className="text-sm text-stone-500">Loading staff…</p> : null}
        {staff.data ? (
          <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-stone-900/5">
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

const STATUS_TONE: Record<StaffStatus, string> = {
  Active: 'bg-emerald-100 text-emerald-900',
  Invited: 'bg-amber-100 text-amber-900',
  Deactivated: 'bg-stone-200 text-stone-700',
};

function StatusBadge({ member }: { member: StaffMember }) {
  const label = staffStatus(member);
  const tone = STATUS_TONE[label];
  return <span className={`rounded-full px-2.5 py-0.5 font-medium text-xs ${tone}`}>{label}</span>;
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
  const id = useId();
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
    <form onSubmit={onSubmit} className="flex min-w-48 flex-col gap-1.5">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role for {member.name}
        </label>
        <select
          id={id}
          value={roleId}
          onChange={(event) => setRoleId(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${inputClass} py-1.5`}
        >
          {roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </select>
        {changed ? (
          <Button type="submit" size="sm" pending={changeRole.isPending} pendingLabel="Saving…">
            Save<span className="sr-only"> role for {member.name}</span>
          </Button>
        ) : null}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-red-700 text-xs">
          {error}
        </p>
      ) : null}
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
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const invite = useMutation(trpc.admin.staff.invite.mutationOptions());
  useFocusFirstError(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      roleId: String(form.get('roleId') ?? ''),
    };
    if (!input.roleId) {
      setErrors({ fieldErrors: { roleId: ['Choose a role'] } });
      return;
    }
    setErrors(NO_ERRORS);
    invite.mutate(input, {
      onSuccess: async (member) => {
        formElement.reset();
        await onInvited(member);
      },
      onError: (error) => setErrors(formErrors(error, { fields: ['name', 'email', 'roleId'] })),
    });
  }

  return (
    <Card
      title="Invite a staff member"
      description="They get an email with a link to choose their password."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert message={errors.formError} />
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            label="Name"
            name="name"
            autoComplete="off"
            required
            error={fieldError(errors, 'name')}
          />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            required
            error={fieldError(errors, 'email')}
          />
          <SelectField
            label="Role"
            name="roleId"
            required
            defaultValue=""
            error={fieldError(errors, 'roleId')}
          >
            <option value="" disabled>
              Choose a role
            </option>
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
                {role.requiresTwoFactor ? ' (requires two-factor)' : ''}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" pending={invite.isPending} pendingLabel="Sending…">
          Send invitation
        </Button>
      </form>
    </Card>
  );
}
