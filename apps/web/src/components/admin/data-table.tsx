import type { ReactNode } from 'react';

export interface Column {
  /** The header: a word, or a control such as a select-all checkbox. */
  label: ReactNode;
  /** Right-aligned, for counts and amounts. */
  numeric?: boolean;
  /** The header cell's classes, instead of the table's (a narrow checkbox column). */
  className?: string;
}

/**
 * An admin table: a caption (its accessible name, for screen readers only), one header row and
 * the rows as children. Columns left out by a condition can be passed as `null`.
 */
export function DataTable({
  caption,
  columns,
  headCellClass,
  className,
  alignTop = false,
  children,
}: {
  caption: string;
  columns: readonly (Column | null)[];
  /** The padding and weight of the header cells. */
  headCellClass: string;
  /** The wrapper's classes: it scrolls sideways when the table is wider. */
  className: string;
  /** Top-align the cells, for rows whose cells run to several lines. */
  alignTop?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-stone-200 border-b text-stone-500 text-xs uppercase tracking-wide">
          <tr>
            {columns.map((column, i) =>
              column ? (
                <th
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of columns
                  key={i}
                  scope="col"
                  className={
                    column.className ??
                    (column.numeric ? `${headCellClass} text-right` : headCellClass)
                  }
                >
                  {column.label}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody
          className={alignTop ? 'divide-y divide-stone-100 align-top' : 'divide-y divide-stone-100'}
        >
          {children}
        </tbody>
      </table>
    </div>
  );
}
