'use client';

import type { AdminOrder } from '@bazaar/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  newIdempotencyKey,
  type OrderActions,
  parseRefundAmount,
} from '@/app/admin/(console)/orders/_lib/order-actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { inputClass, linkClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { errorCode, formErrors } from '@/lib/form-errors';
import { formatMoney, formatMoneyInput } from '@/lib/money';
import { useTRPC } from '@/trpc/react';

type OnDone = (message: string) => void;

/**
 * What to do with the order an action answers: it becomes the page's order (the query cache the
 * page reads), and lists showing it are refetched.
 */
function useOrderUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    set(order: AdminOrder) {
      queryClient.setQueryData(trpc.admin.orders.get.queryKey({ id: order.id }), order);
      void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
    },
    reload(id: string) {
      void queryClient.invalidateQueries({ queryKey: trpc.admin.orders.get.queryKey({ id }) });
      void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
    },
  };
}

/**
 * Shown with an action's error when the order changed under the staff member (CONFLICT: someone
 * else shipped or cancelled it meanwhile): loads the order as it stands now.
 */
function ReloadHint({ show, orderId }: { show: boolean; orderId: string }) {
  const { reload } = useOrderUpdates();
  if (!show) return null;
  return (
    <p className="text-sm">
      <button type="button" className={linkClass} onClick={() => reload(orderId)}>
        Load the order as it is now
      </button>
    </p>
  );
}

/** The state machine's next steps for the order, each shown only while its state allows it. */
export function OrderActionsPanel({
  order,
  actions,
  onDone,
}: {
  order: AdminOrder;
  actions: OrderActions;
  onDone: OnDone;
}) {
  return (
    <div className="flex flex-col gap-6 [&>*+*]:border-stone-200 [&>*+*]:border-t [&>*+*]:pt-6">
      {actions.ship ? <ShipForm order={order} onDone={onDone} /> : null}
      {actions.deliver ? <DeliverAction order={order} onDone={onDone} /> : null}
      {actions.refund ? (
        // A new form (and idempotency key) after each refund.
        <RefundForm key={order.refunds.length} order={order} onDone={onDone} />
      ) : null}
      {actions.cancel ? <CancelAction order={order} onDone={onDone} /> : null}
    </div>
  );
}

function ActionHeading({ id, children }: { id: string; children: string }) {
  return (
    <h3 id={id} className="font-semibold text-sm text-stone-900">
      {children}
    </h3>
  );
}

function ShipForm({ order, onDone }: { order: AdminOrder; onDone: OnDone }) {
  const trpc = useTRPC();
  const { set } = useOrderUpdates();
  const ship = useMutation(trpc.admin.orders.ship.mutationOptions());
  const form = useFormErrors({ fields: ['carrier', 'trackingNumber'] });
  const [conflict, setConflict] = useState(false);
  const headingId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const carrier = values.carrier?.trim() ?? '';
    const trackingNumber = values.trackingNumber?.trim() ?? '';
    setConflict(false);
    const missing: Record<string, string[]> = {};
    if (!carrier) missing.carrier = ['Enter the carrier'];
    if (!trackingNumber) missing.trackingNumber = ['Enter the tracking number'];
    if (Object.keys(missing).length > 0) {
      form.setErrors({ fieldErrors: missing });
      return;
    }
    form.clear();
    ship.mutate(
      { id: order.id, carrier, trackingNumber },
      {
        onSuccess: (updated) => {
          set(updated);
          onDone(`Order #${updated.number} is marked shipped with ${carrier}.`);
        },
        onError: (error) => {
          setConflict(errorCode(error) === 'CONFLICT');
          form.setFromError(error);
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <ActionHeading id={headingId}>Ship</ActionHeading>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <TextField
          label="Carrier"
          name="carrier"
          maxLength={60}
          autoComplete="off"
          placeholder="DHL, UPS, Royal Mail…"
          error={form.field('carrier')}
        />
        <TextField
          label="Tracking number"
          name="trackingNumber"
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          error={form.field('trackingNumber')}
        />
        <FormAlert message={form.errors?.formError} />
        <ReloadHint show={conflict} orderId={order.id} />
        <Button type="submit" pending={ship.isPending}>
          Mark shipped
        </Button>
      </form>
    </section>
  );
}

function DeliverAction({ order, onDone }: { order: AdminOrder; onDone: OnDone }) {
  const trpc = useTRPC();
  const { set } = useOrderUpdates();
  const deliver = useMutation(trpc.admin.orders.deliver.mutationOptions());
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const headingId = useId();

  function markDelivered() {
    setError(undefined);
    setConflict(false);
    deliver.mutate(
      { id: order.id },
      {
        onSuccess: (updated) => {
          set(updated);
          onDone(`Order #${updated.number} is marked delivered.`);
        },
        onError: (e) => {
          setConflict(errorCode(e) === 'CONFLICT');
          setError(formErrors(e, { fields: [] }).formError);
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <ActionHeading id={headingId}>Delivery</ActionHeading>
      <p className="text-sm text-stone-600">
        {order.shipment
          ? `Shipped with ${order.shipment.carrier}. Mark it delivered once the carrier confirms.`
          : 'Mark it delivered once the carrier confirms.'}
      </p>
      <FormAlert message={error} />
      <ReloadHint show={conflict} orderId={order.id} />
      <Button onClick={markDelivered} pending={deliver.isPending}>
        Mark delivered
      </Button>
    </section>
  );
}

function RefundForm({ order, onDone }: { order: AdminOrder; onDone: OnDone }) {
  const trpc = useTRPC();
  const { set } = useOrderUpdates();
  const refund = useMutation(trpc.admin.orders.refund.mutationOptions());
  const form = useFormErrors({ fields: ['amount', 'reason'] });
  // One key per form: a retried request (a timeout, a double click) refunds once. The form is
  // remade after each refund, with a new key.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [confirming, setConfirming] = useState<{ amount: number; reason: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const headingId = useId();
  const { refundable } = order;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    setConflict(false);
    const amount = parseRefundAmount(values.amount ?? '', refundable);
    if (!amount.ok) {
      form.setErrors({ fieldErrors: { amount: [amount.error] } });
      return;
    }
    form.clear();
    setConfirming({ amount: amount.amount, reason: values.reason?.trim() ?? '' });
  }

  function confirm() {
    if (!confirming) return;
    refund.mutate(
      { id: order.id, amount: confirming.amount, reason: confirming.reason, idempotencyKey },
      {
        onSuccess: (updated) => {
          setConfirming(null);
          set(updated);
          onDone(
            `Refunded ${formatMoney({ amount: confirming.amount, currency: refundable.currency })} on order #${updated.number}.`,
          );
        },
        onError: (error) => {
          setConfirming(null);
          setConflict(errorCode(error) === 'CONFLICT');
          form.setFromError(error);
        },
      },
    );
  }

  const full = confirming?.amount === refundable.amount;
  const confirmingMoney = confirming
    ? formatMoney({ amount: confirming.amount, currency: refundable.currency })
    : '';

  return (
    <section aria-labelledby={headingId}>
      <ActionHeading id={headingId}>Refund</ActionHeading>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <TextField
          label={`Amount (${refundable.currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={formatMoneyInput(refundable.amount, refundable.currency)}
          hint={`Up to ${formatMoney(refundable)}, back to the customer’s payment method.`}
          error={form.field('amount')}
        />
        <TextField
          label="Reason"
          name="reason"
          optional
          maxLength={500}
          autoComplete="off"
          error={form.field('reason')}
        />
        <FormAlert message={form.errors?.formError} />
        <ReloadHint show={conflict} orderId={order.id} />
        <Button type="submit" variant="secondary" pending={refund.isPending}>
          Refund
        </Button>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title={`Refund ${confirmingMoney}?`}
        confirmLabel={`Refund ${confirmingMoney}`}
        variant="danger"
        pending={refund.isPending}
        onConfirm={confirm}
        onClose={() => {
          if (!refund.isPending) setConfirming(null);
        }}
      >
        <p>
          {confirmingMoney} of order #{order.number} goes back to the customer’s payment method.
          {full
            ? ' That is everything still refundable.'
            : ` ${formatMoney({ amount: refundable.amount - (confirming?.amount ?? 0), currency: refundable.currency })} stays refundable.`}{' '}
          A refund cannot be undone, and it does not put items back in stock.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function CancelAction({ order, onDone }: { order: AdminOrder; onDone: OnDone }) {
  const trpc = useTRPC();
  const { set } = useOrderUpdates();
  const cancel = useMutation(trpc.admin.orders.cancel.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const headingId = useId();
  const reasonId = useId();
  const paid = order.status === 'paid';
  const toRefund = { amount: order.total.amount - order.refunded.amount, currency: order.currency };

  function confirm() {
    setError(undefined);
    setConflict(false);
    cancel.mutate(
      { id: order.id, reason: reason.trim() },
      {
        onSuccess: (updated) => {
          setOpen(false);
          set(updated);
          onDone(
            paid
              ? `Order #${updated.number} is cancelled, refunded in full and restocked.`
              : `Order #${updated.number} is cancelled and its stock released.`,
          );
        },
        onError: (e) => {
          setConflict(errorCode(e) === 'CONFLICT');
          setError(formErrors(e, { fields: [] }).formError);
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <ActionHeading id={headingId}>Cancel</ActionHeading>
      <p className="text-sm text-stone-600">
        {paid
          ? 'Not shipped yet: cancelling refunds the payment in full and puts the items back in stock.'
          : 'Not paid yet: cancelling releases the stock the order holds.'}
      </p>
      {!open ? (
        <>
          <FormAlert message={error} />
          <ReloadHint show={conflict} orderId={order.id} />
        </>
      ) : null}
      <Button
        variant="danger"
        onClick={() => {
          setError(undefined);
          setOpen(true);
        }}
      >
        Cancel order
      </Button>
      <ConfirmDialog
        open={open}
        title={`Cancel order #${order.number}?`}
        confirmLabel="Cancel order"
        variant="danger"
        pending={cancel.isPending}
        error={error}
        onConfirm={confirm}
        onClose={() => {
          if (!cancel.isPending) setOpen(false);
        }}
      >
        <div className="space-y-3">
          {paid ? (
            <p>
              The order is paid and not shipped. Cancelling refunds {formatMoney(toRefund)} in full
              to the customer’s payment method and puts the items back in stock.
            </p>
          ) : (
            <p>
              The order is not paid. Cancelling releases the stock it reserved; nothing is charged.
            </p>
          )}
          <p>This cannot be undone.</p>
          <div>
            <label
              htmlFor={reasonId}
              className="flex items-baseline gap-2 font-medium text-stone-800"
            >
              Reason
              <span className="font-normal text-stone-500 text-xs">Optional</span>
            </label>
            <textarea
              id={reasonId}
              name="reason"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value.replace(/[\r\n]+/g, ' '))}
              className={`${inputClass} mt-1.5`}
            />
          </div>
          {conflict ? <ReloadHint show orderId={order.id} /> : null}
        </div>
      </ConfirmDialog>
    </section>
  );
}

/** An internal note on the order's timeline (several lines allowed). */
export function OrderNoteForm({ order, onDone }: { order: AdminOrder; onDone: OnDone }) {
  const trpc = useTRPC();
  const { set } = useOrderUpdates();
  const addNote = useMutation(trpc.admin.orders.addNote.mutationOptions());
  const form = useFormErrors({ fields: ['text'] });
  const [text, setText] = useState('');
  const fieldId = useId();
  const errorId = useId();
  const hintId = useId();
  const error = form.field('text');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      form.setErrors({ fieldErrors: { text: ['Write the note'] } });
      return;
    }
    form.clear();
    addNote.mutate(
      { id: order.id, text },
      {
        onSuccess: (updated) => {
          setText('');
          set(updated);
          onDone(`Note added to order #${updated.number}.`);
        },
        onError: form.setFromError,
      },
    );
  }

  return (
    <form
      ref={form.formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="Add a note"
      className="mb-6 space-y-3"
    >
      <div>
        <label htmlFor={fieldId} className="font-medium text-sm text-stone-800">
          Note
        </label>
        <textarea
          id={fieldId}
          name="text"
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          className={`${inputClass} mt-1.5`}
        />
        {error ? (
          <p id={errorId} className="mt-1.5 text-red-700 text-sm">
            {error}
          </p>
        ) : null}
        <p id={hintId} className="mt-1.5 text-stone-500 text-xs">
          For staff only; the customer never sees notes.
        </p>
      </div>
      <FormAlert message={form.errors?.formError} />
      <Button type="submit" variant="secondary" size="sm" pending={addNote.isPending}>
        Add note
      </Button>
    </form>
  );
}
