import { type ReactNode, useId, useRef } from 'react';
import { useEarlyCheck } from '@/lib/use-early-input';

/**
 * One part of the filter panel: a heading and its controls. With `group`, the controls are a
 * group named by the heading (checkboxes: "Size" is read out with "M").
 */
export function FacetSection({
  title,
  group = false,
  children,
}: {
  title: string;
  group?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const Tag = group ? 'div' : 'section';
  return (
    <Tag
      role={group ? 'group' : undefined}
      aria-labelledby={id}
      className="border-stone-200 border-t py-5 first:border-t-0 first:pt-0"
    >
      <h3 id={id} className="mb-3 font-semibold text-stone-900 text-xs uppercase tracking-wider">
        {title}
      </h3>
      {children}
    </Tag>
  );
}

/** A checkbox row: the label, then the number of products it would give. */
export function FacetCheckbox({
  label,
  count,
  checked,
  onChange,
}: {
  label: string;
  count: number;
  checked: boolean;
  onChange: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEarlyCheck(ref, checked, onChange);
  return (
    <label className="group flex cursor-pointer items-center gap-3 rounded-lg px-2.5 py-1.5 text-sm text-stone-700 hover:bg-stone-200/60 hover:text-stone-900">
      <input
        ref={ref}
        type="checkbox"
        checked={checked}
        onChange={onChange}
        className="size-4 shrink-0 cursor-pointer rounded accent-stone-900"
      />
      <span className="min-w-0 flex-1 truncate">{label}</span>
      <span className="text-stone-400 text-xs tabular-nums" aria-hidden="true">
        {count}
      </span>
      <span className="sr-only">
        ({count} {count === 1 ? 'product' : 'products'})
      </span>
    </label>
  );
}
