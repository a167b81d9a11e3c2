'use client';

import { type ComponentProps, type ReactNode, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { emptyStateClass, surfaceClass } from '@/components/ui/styles';
import { formErrors } from '@/lib/form-errors';

/**
 * A settings page's list of items (shipping methods, tax rates, discount codes): a heading that
 * names the list, an empty state, and one row per item, edited in place one at a time.
 */
export function SettingsList<T extends { id: string }>({
  title,
  items,
  error,
  empty,
  row,
  editor,
}: {
  /** The heading, and the list's accessible name. */
  title: string;
  items: readonly T[] | undefined;
  /** The list query's error (null: none). Leave it out where the page shows it already. */
  error?: unknown;
  /** What the empty state says. */
  empty: ReactNode;
  /** An item as the list shows it; `edit` swaps it for its editor. */
  row: (item: T, edit: () => void) => ReactNode;
  /** The item's edit form; `close` swaps it back for the row. */
  editor: (item: T, close: () => void) => ReactNode;
}) {
  const headingId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const close = () => setEditing(null);

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="font-semibold text-lg text-stone-900">
        {title}
      </h2>
      {error === undefined ? null : (
        <FormAlert message={error ? formErrors(error, { fields: [] }).formError : null} />
      )}
      {items?.length === 0 ? <p className={emptyStateClass}>{empty}</p> : null}
      {items?.length ? (
        <ul aria-label={title} className={`${surfaceClass} divide-y divide-stone-100`}>
          {items.map((item) => (
            <li key={item.id} className="px-4 py-3">
              {editing === item.id ? editor(item, close) : row(item, () => setEditing(item.id))}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * A row's small action button ("Edit", "Delete"), named for screen readers with the item too:
 * "Edit Standard".
 */
export function RowButton({
  itemName,
  children,
  ...props
}: ComponentProps<typeof Button> & { itemName: string }) {
  return (
    <Button size="sm" variant="quiet" {...props}>
      {children}
      <span className="sr-only"> {itemName}</span>
    </Button>
  );
}
