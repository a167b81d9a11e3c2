'use client';

import type { MailMessage } from '@bazaar/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmailField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { emptyStateClass, linkClass, surfaceClass } from '@/components/ui/styles';
import { errorCode, formErrors } from '@/lib/form-errors';
import { linkify } from '@/lib/linkify';
import { useTRPC } from '@/trpc/react';

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
            className={`break-all ${linkClass}`}
            rel="noreferrer"
          >
            {part.url}
          </a>
        ),
      )}
    </>
  );
}

const STATUS_TONE: Record<MailMessage['status'], BadgeTone> = {
  pending: 'warning',
  sent: 'success',
  failed: 'danger',
};

function Message({ message }: { message: MailMessage }) {
  return (
    <li className={surfaceClass}>
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
          <Badge tone={STATUS_TONE[message.status]}>{message.status}</Badge>
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
      <div className={`${surfaceClass} p-6 text-sm text-stone-700`}>
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
            <EmailField
              key={to ?? ''}
              label="Recipient"
              name="to"
              autoComplete="off"
              placeholder="someone@example.com"
              defaultValue={to}
              className="w-72"
            />
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
        <Button variant="secondary" pending={mail.isFetching} onClick={() => void mail.refetch()}>
          Refresh
        </Button>
      </div>
      <FormAlert message={mail.error ? formErrors(mail.error, { fields: [] }).formError : null} />
      {mail.isPending ? <p className="text-sm text-stone-500">Loading messages…</p> : null}
      {mail.data?.length === 0 ? (
        <p className={emptyStateClass}>{to ? `No messages to ${to}.` : 'No messages yet.'}</p>
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
