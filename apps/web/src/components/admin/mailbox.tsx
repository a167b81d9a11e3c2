'use client';

import type { MailMessage } from '@bazaar/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useId, useState } from 'react';
import { errorCode, formErrors } from '@/lib/form-errors';
import { linkify } from '@/lib/linkify';
import { useTRPC } from '@/trpc/react';
import { DateTime } from './date-time';
import { Button, FormAlert } from './form';
import { inputClass } from './styles';

export const MAILBOX_LIMIT = 50;

/** The message text with its links made clickable. */
function Linkified({ text }: { text: string }) {
  const parts = linkify(text);
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of immutable text
          <Fragment key={index}>{part}</Fragment>
        ) : (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of immutable text
            key={index}
            href={part.url}
            className="break-all text-brand-700 underline"
            rel="noreferrer"
          >
            {part.url}
          </a>
        ),
      )}
    </>
  );
}

const STATUS_TONE: Record<MailMessage['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  sent: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
};

function Message({ message }: { message: MailMessage }) {
  return (
    <li className="rounded-2xl bg-white shadow-sm ring-1 ring-stone-900/5">
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-4 gap-y-1 px-5 py-4 [&::-webkit-details-marker]:hidden">
          <span className="min-w-0 flex-1 font-medium text-stone-900">{message.subject}</span>
          <span className="text-sm text-stone-600">
            <span className="sr-only">To: </span>
            {message.to}
          </span>
          <span className="text-stone-500 text-xs">
            <DateTime value={message.createdAt} />
          </span>
          <span
            className={`rounded-full px-2 py-0.5 font-medium text-xs ${STATUS_TONE[message.status]}`}
          >
            {message.status}
          </span>
        </summary>
        <div className="border-stone-100 border-t px-5 py-4">
          <p className="text-stone-500 text-xs">To: {message.to}</p>
          <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-stone-800">
            <Linkified text={message.text} />
          </pre>
        </div>
      </details>
    </li>
  );
}

/** The development mailbox: mail the API kept because no SMTP server is configured. */
export function Mailbox() {
  const trpc = useTRPC();
  const filterId = useId();
  const [to, setTo] = useState<string | undefined>();
  const input = to ? { to, limit: MAILBOX_LIMIT } : { limit: MAILBOX_LIMIT };
  const mail = useQuery(trpc.admin.mailbox.list.queryOptions(input));

  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('to') ?? '').trim();
    setTo(value || undefined);
  }

  if (errorCode(mail.error) === 'PRECONDITION_FAILED') {
    return (
      <div className="rounded-2xl bg-white p-6 text-sm text-stone-700 shadow-sm ring-1 ring-stone-900/5">
        <p className="font-medium text-stone-900">The development mailbox is off</p>
        <p className="mt-1">
          This shop sends email through its SMTP server, so messages are delivered instead of kept
          here.
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <search>
          <form onSubmit={onFilter} className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={filterId} className="block font-medium text-sm text-stone-900">
                Recipient
              </label>
              <input
                key={to ?? ''}
                id={filterId}
                name="to"
                type="email"
                placeholder="someone@example.com"
                defaultValue={to}
                className={`mt-1.5 w-72 ${inputClass}`}
              />
            </div>
            <Button type="submit" variant="secondary">
              Filter
            </Button>
            {to ? (
              <Button variant="secondary" onClick={() => setTo(undefined)}>
                Show all
              </Button>
            ) : null}
          </form>
        </search>
        <Button
          variant="secondary"
          pending={mail.isFetching}
          pendingLabel="Refreshing…"
          onClick={() => void mail.refetch()}
        >
          Refresh
        </Button>
      </div>
      {mail.error ? <FormAlert message={formErrors(mail.error, { fields: [] }).formError} /> : null}
      {mail.isPending ? <p className="text-sm text-stone-500">Loading messages…</p> : null}
      {mail.data?.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 border-dashed bg-white px-6 py-12 text-center text-sm text-stone-600">
          {to ? `No messages to ${to}.` : 'No messages yet.'}
        </p>
      ) : null}
      {mail.data && mail.data.length > 0 ? (
        <ul aria-label="Messages" className="space-y-3">
          {mail.data.map((message) => (
            <Message key={message.id} message={message} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
