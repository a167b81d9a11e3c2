'use client';

import { type ReactNode, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formErrors } from '@/lib/form-errors';

/** What deleting needs of a mutation: a tRPC `delete` procedure's `useMutation` fits. */
export interface DeleteMutation {
  isPending: boolean;
  mutate: (
    input: { id: string },
    options: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
}

/** The item a delete waits on the staff member's word for, and what the dialog does with it. */
export interface DeleteConfirmation<T> {
  /** The item asked about, or null while the dialog is closed. */
  item: T | null;
  /** Opens the dialog for `item`, without the last attempt's error. */
  ask: (item: T) => void;
  confirm: () => void;
  close: () => void;
  pending: boolean;
  error: string | undefined;
}

/**
 * Asks before deleting one item of a list: `ask(item)` opens the {@link DeleteDialog}, confirming
 * runs `remove` for the item's id, and on success calls `onDeleted` and closes. A failure stays in
 * the dialog (and goes to `onFailed`, where the page shows it too).
 */
export function useDeleteConfirmation<T extends { id: string }>(
  remove: DeleteMutation,
  onDeleted: (item: T) => void,
  onFailed?: (error: unknown) => void,
): DeleteConfirmation<T> {
  const [item, setItem] = useState<T | null>(null);
  const [error, setError] = useState<string>();
  return {
    item,
    ask: (next) => {
      setError(undefined);
      setItem(next);
    },
    confirm: () => {
      if (!item) return;
      remove.mutate(
        { id: item.id },
        {
          onSuccess: () => {
            onDeleted(item);
            setItem(null);
          },
          onError: (e) => {
            setError(formErrors(e, { fields: [] }).formError);
            onFailed?.(e);
          },
        },
      );
    },
    close: () => setItem(null),
    pending: remove.isPending,
    error,
  };
}

/** The "Delete …?" dialog of a {@link useDeleteConfirmation}: a title and what deleting means. */
export function DeleteDialog<T>({
  confirmation,
  title,
  children,
}: {
  confirmation: DeleteConfirmation<T>;
  title: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  const { item } = confirmation;
  return (
    <ConfirmDialog
      open={item !== null}
      title={item === null ? '' : title(item)}
      confirmLabel="Delete"
      variant="danger"
      pending={confirmation.pending}
      error={confirmation.error}
      onConfirm={confirmation.confirm}
      onClose={confirmation.close}
    >
      {item === null ? null : children(item)}
    </ConfirmDialog>
  );
}
