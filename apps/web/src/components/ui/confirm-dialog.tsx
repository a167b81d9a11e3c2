'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './button';
import { FormAlert } from './messages';
import type { ButtonVariant } from './styles';

/** A modal confirmation (native `<dialog>`: focus trap, Escape and inert background for free). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  variant = 'primary',
  pending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  pending?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-3xl bg-white p-6 shadow-xl ring-1 ring-stone-900/10 backdrop:bg-stone-900/40 compact:rounded-2xl"
    >
      {open ? (
        <div className="space-y-4">
          <h2
            id={titleId}
            className="font-display font-semibold text-stone-900 text-xl compact:font-sans compact:text-lg"
          >
            {title}
          </h2>
          <div id={bodyId} className="text-sm text-stone-600">
            {children}
          </div>
          <FormAlert message={error} />
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button variant={variant} pending={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
