'use client';

import type { DiscountCode, DiscountCodeInput, DiscountKind } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { formErrors } from '@/lib/form-errors';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '@/lib/money';
import {
  type DiscountStatus,
  discountStatus,
  fromDateTimeLocal,
  parseOptionalWhole,
  toDateTimeLocal,
} from '@/lib/shop-settings';
import { useTRPC } from '@/trpc/react';
import { DeleteDialog, useDeleteConfirmation } from './delete-dialog';
import { SettingsFormButtons } from './settings-form-buttons';
import { RowButton, SettingsList } from './settings-list';
import { useSettingsForm } from './use-settings-form';

const STATUS_TONE: Record<DiscountStatus, BadgeTone> = {
  Active: 'success',
  Scheduled: 'brand',
  Expired: 'muted',
  'Used up': 'warning',
  Inactive: 'muted',
};

/** The code as the save procedure takes it. */
const asInput = ({
  timesUsed: _used,
  orderCount: _orders,
  createdAt: _created,
  ...code
}: DiscountCode): DiscountCodeInput => code;

/** "20% off", "€10.00 off orders from €30.00", "10% off (USD orders only)". */
function discountSummary(code: DiscountCode): string {
  const off =
    code.kind === 'percentage'
      ? `${code.percent}% off`
      : `${formatMoney({ amount: code.amount ?? 0, currency: code.currency ?? 'EUR' })} off`;
  if (code.minSubtotal !== null && code.currency)
    return `${off} orders from ${formatMoney({ amount: code.minSubtotal, currency: code.currency })}`;
  if (code.kind === 'percentage' && code.currency) return `${off} (${code.currency} orders only)`;
  return off;
}

/** Discount codes: create, edit, pause (deactivate) and delete the unused ones. */
export function DiscountCodes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const codes = useQuery(trpc.admin.settings.discounts.list.queryOptions());
  const currencies = useQuery(trpc.catalog.currencies.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.admin.settings.discounts.pathFilter());
  const save = useMutation(
    trpc.admin.settings.discounts.save.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(
    trpc.admin.settings.discounts.delete.mutationOptions({ onSuccess: refresh }),
  );
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const shopCodes = (currencies.data ?? []).map((c) => c.code);
  const done = (message: string) => {
    setError(undefined);
    setStatus(message);
  };
  const deletion = useDeleteConfirmation<DiscountCode>(remove, (code) =>
    done(`${code.code} deleted.`),
  );

  function toggle(code: DiscountCode) {
    save.mutate(
      { ...asInput(code), active: !code.active },
      {
        onSuccess: (saved) =>
          done(saved.active ? `${saved.code} is active again.` : `${saved.code} is deactivated.`),
        onError: (e) => setError(formErrors(e, { fields: [] }).formError),
      },
    );
  }

  return (
    <div className="space-y-6">
      <PageHeading
        title="Discounts"
        description="Codes shoppers enter at checkout: a percentage or an amount off, with limits if you like."
      />
      <FormStatus message={status} />
      <FormAlert message={error} />

      <Card title="Create a discount code">
        <DiscountCodeForm currencies={shopCodes} onSaved={(c) => done(`${c.code} created.`)} />
      </Card>

      <SettingsList
        title="Discount codes"
        items={codes.data}
        error={codes.error}
        empty="No discount codes yet."
        editor={(code, close) => (
          <DiscountCodeForm
            code={code}
            currencies={shopCodes}
            onSaved={(saved) => {
              close();
              done(`${saved.code} saved.`);
            }}
            onCancel={close}
          />
        )}
        row={(code, edit) => (
          <div className="flex flex-wrap items-start gap-3">
            <DiscountCodeSummary code={code} />
            <RowButton itemName={code.code} onClick={edit}>
              Edit
            </RowButton>
            <RowButton itemName={code.code} disabled={save.isPending} onClick={() => toggle(code)}>
              {code.active ? 'Deactivate' : 'Activate'}
            </RowButton>
            <RowButton itemName={code.code} onClick={() => deletion.ask(code)}>
              Delete
            </RowButton>
          </div>
        )}
      />

      <DeleteDialog confirmation={deletion} title={(code) => `Delete ${code.code}?`}>
        {(code) =>
          code.orderCount
            ? `${code.orderCount} orders used this code, so it is kept for them (and for each customer’s limit): deactivate it instead.`
            : 'Shoppers can no longer use it. Only a code no order has used can be deleted.'
        }
      </DeleteDialog>
    </div>
  );
}

/** A code's row: the code and its state, what it takes off, its uses and its dates. */
function DiscountCodeSummary({ code }: { code: DiscountCode }) {
  const state = discountStatus(code);
  return (
    <div className="min-w-0 flex-1 space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-mono font-semibold text-stone-900">{code.code}</span>
        <Badge tone={STATUS_TONE[state]}>{state}</Badge>
      </p>
      <p className="text-sm text-stone-700">{discountSummary(code)}</p>
      <p className="text-sm text-stone-600">
        Used {code.timesUsed}
        {code.usageLimit !== null ? ` of ${code.usageLimit}` : ''} times
        {code.perCustomerLimit !== null ? ` · ${code.perCustomerLimit} per customer` : ''}
        {code.orderCount ? ` · ${code.orderCount} orders` : ''}
      </p>
      {code.startsAt || code.endsAt ? (
        <p className="text-sm text-stone-600">
          {code.startsAt ? (
            <>
              From <DateTime value={code.startsAt} />{' '}
            </>
          ) : null}
          {code.endsAt ? (
            <>
              Until <DateTime value={code.endsAt} />
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

const FIELDS = [
  'code',
  'kind',
  'percent',
  'amount',
  'currency',
  'minSubtotal',
  'startsAt',
  'endsAt',
  'usageLimit',
  'perCustomerLimit',
];

/** Creates a code, or edits `code`. Amounts are typed as decimals in the chosen currency. */
function DiscountCodeForm({
  code,
  currencies,
  onSaved,
  onCancel,
}: {
  code?: DiscountCode;
  currencies: readonly string[];
  onSaved: (saved: DiscountCode) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.admin.settings.discounts.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.discounts.pathFilter()),
    }),
  );
  const [kind, setKind] = useState<DiscountKind>(code?.kind ?? 'percentage');
  const [currency, setCurrency] = useState(code?.currency ?? '');
  const { formRef, errors, field, submit } = useSettingsForm({
    save,
    adding: !code,
    onSaved,
    onReset: () => {
      setKind('percentage');
      setCurrency('');
    },
    isField: (f) => FIELDS.includes(f),
  });
  const money = (amount: number | null | undefined) =>
    amount != null && code?.currency ? formatMoneyInput(amount, code.currency) : '';

  const read = (
    values: Record<string, string>,
    local: Record<string, string[]>,
  ): DiscountCodeInput => {
    const amountOf = (name: 'amount' | 'minSubtotal'): number | null => {
      const text = values[name]?.trim() ?? '';
      if (!text) return null;
      if (!currency) {
        local.currency = ['Choose the currency of the amounts'];
        return null;
      }
      const amount = parseMoneyInput(text, currency);
      if (amount === null)
        local[name] = [`Enter an amount in ${currency}, like ${formatMoneyInput(1000, currency)}`];
      return amount;
    };
    const whole = (name: 'percent' | 'usageLimit' | 'perCustomerLimit'): number | null => {
      const value = parseOptionalWhole(values[name] ?? '');
      if (value !== 'invalid') return value;
      local[name] = ['Enter a whole number'];
      return null;
    };
    const date = (name: 'startsAt' | 'endsAt'): Date | null => {
      const value = fromDateTimeLocal(values[name] ?? '');
      if (value !== 'invalid') return value;
      local[name] = ['Enter a date and time'];
      return null;
    };
    return {
      ...(code ? { id: code.id } : {}),
      code: values.code ?? '',
      kind,
      percent: kind === 'percentage' ? whole('percent') : null,
      amount: kind === 'fixed' ? amountOf('amount') : null,
      currency: currency || null,
      minSubtotal: amountOf('minSubtotal'),
      startsAt: date('startsAt'),
      endsAt: date('endsAt'),
      usageLimit: whole('usageLimit'),
      perCustomerLimit: whole('perCustomerLimit'),
      active: values.active === 'on',
    };
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit(read)}
      noValidate
      aria-label={code ? `Edit ${code.code}` : 'Create a discount code'}
      className="space-y-4"
    >
      <FormAlert message={errors?.formError} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Code"
          name="code"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          defaultValue={code?.code}
          placeholder="SUMMER24"
          hint="Letters, digits, - and _. Shoppers may type it in any case."
          error={field('code')}
        />
        <SelectField
          label="Discount"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as DiscountKind)}
          error={field('kind')}
        >
          <option value="percentage">Percentage off</option>
          <option value="fixed">Amount off</option>
        </SelectField>
        {kind === 'percentage' ? (
          <TextField
            label="Percent off"
            name="percent"
            inputMode="numeric"
            defaultValue={code?.percent != null ? String(code.percent) : ''}
            placeholder="10"
            error={field('percent')}
          />
        ) : (
          <TextField
            label="Amount off"
            name="amount"
            inputMode="decimal"
            defaultValue={money(code?.amount)}
            placeholder={currency ? formatMoneyInput(1000, currency) : '10.00'}
            error={field('amount')}
          />
        )}
        <SelectField
          label="Currency"
          name="currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
          hint={
            kind === 'fixed'
              ? 'The amounts are in this currency; the code works in it only.'
              : 'Set one to limit the code to orders in it, or for a minimum.'
          }
          error={field('currency')}
        >
          <option value="">Any currency</option>
          {[...new Set([...currencies, ...(code?.currency ? [code.currency] : [])])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Minimum order"
          name="minSubtotal"
          optional
          inputMode="decimal"
          defaultValue={money(code?.minSubtotal)}
          hint="The order’s value before the discount."
          error={field('minSubtotal')}
        />
        <div />
        <TextField
          label="Starts"
          name="startsAt"
          type="datetime-local"
          optional
          defaultValue={code?.startsAt ? toDateTimeLocal(code.startsAt) : ''}
          hint="Your time zone. Empty: right away."
          error={field('startsAt')}
        />
        <TextField
          label="Ends"
          name="endsAt"
          type="datetime-local"
          optional
          defaultValue={code?.endsAt ? toDateTimeLocal(code.endsAt) : ''}
          hint="Empty: never."
          error={field('endsAt')}
        />
        <div />
        <TextField
          label="Uses in total"
          name="usageLimit"
          optional
          inputMode="numeric"
          defaultValue={code?.usageLimit != null ? String(code.usageLimit) : ''}
          hint={
            code ? `Used ${code.timesUsed} times so far. Empty: unlimited.` : 'Empty: unlimited.'
          }
          error={field('usageLimit')}
        />
        <TextField
          label="Uses per customer"
          name="perCustomerLimit"
          optional
          inputMode="numeric"
          defaultValue={code?.perCustomerLimit != null ? String(code.perCustomerLimit) : ''}
          hint="Per account, or per email for guests. Empty: unlimited."
          error={field('perCustomerLimit')}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-stone-800">
        <input type="checkbox" name="active" defaultChecked={code?.active ?? true} />
        Active: shoppers can use it
      </label>
      <SettingsFormButtons
        submitLabel={code ? 'Save code' : 'Create code'}
        pending={save.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
