'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import {
  moveActive,
  type SearchOption,
  searchHref,
  suggestionItems,
  suggestionQuery,
} from '@/lib/search-suggestions';
import { useEarlyValue } from '@/lib/use-early-input';
import { useTRPC } from '@/trpc/react';
import { SearchSuggestions } from './search-suggestions';
import { useDebouncedValue } from './use-debounced-value';

/** How long typing must pause before suggestions are asked for. */
const SUGGEST_DELAY_MS = 150;

const magnifier = (
  <svg
    aria-hidden="true"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.8}
    strokeLinecap="round"
    className="size-5"
  >
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </svg>
);

const isOpen = (popover: HTMLElement) => popover.matches(':popover-open');

/**
 * The header's search: a combobox (ARIA 1.2 pattern, the list of suggestions popping up as the
 * shopper types). Arrow keys walk the suggestions, Enter opens the chosen one or searches for the
 * words, Escape closes the list, then clears the field. A plain GET form to /search underneath,
 * so it works before the script loads. On small screens it opens over the header's first row: a
 * popover its button opens natively, so that works before the script loads too.
 */
export function SearchBox({ currency }: { currency: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const urlText = useSearchParams().get('q') ?? '';
  const shownText = pathname === '/search' ? urlText : '';
  const [text, setText] = useState(shownText);
  const [listWanted, setListWanted] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const listboxId = `${id}-listbox`;
  const formId = `${id}-form`;

  // After a search, back/forward or leaving the search page, the field shows the URL's words.
  useEffect(() => setText(shownText), [shownText]);
  // After the effect above, which would put the server's words back on the first render. A
  // shopper still typing in the field when the script arrives gets the suggestions for the words.
  useEarlyValue(inputRef, shownText, (value) => {
    setText(value);
    if (document.activeElement === inputRef.current) setListWanted(true);
  });

  // Below xl the form is a popover its button opens natively, so a tap works before hydration
  // too. Opened, it puts the shopper in the field; opened before hydration, once it hydrates.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === 'open') inputRef.current?.focus();
    };
    form.addEventListener('toggle', onToggle);
    if (isOpen(form) && !form.contains(document.activeElement)) inputRef.current?.focus();
    return () => form.removeEventListener('toggle', onToggle);
  }, []);

  const hideField = () => {
    const form = formRef.current;
    if (form && isOpen(form)) form.hidePopover();
  };

  const q = useDebouncedValue(suggestionQuery(text), SUGGEST_DELAY_MS);
  const { data } = useQuery(
    trpc.catalog.products.suggest.queryOptions(
      { q, currency, limit: 6 },
      // The previous words' suggestions stay up while the next ones load: no flicker.
      { enabled: q !== '', placeholderData: keepPreviousData },
    ),
  );
  const typed = suggestionQuery(text) !== '';
  const items = typed ? suggestionItems(data) : [];
  const options: SearchOption[] =
    items.length > 0
      ? [...items, { kind: 'search', href: searchHref(text), text: suggestionQuery(text) }]
      : [];
  const expanded = listWanted && options.length > 0;
  const activeIndex = expanded && active < options.length ? active : -1;

  const close = () => {
    setListWanted(false);
    setActive(-1);
  };

  const go = (href: string) => {
    close();
    hideField();
    inputRef.current?.blur();
    router.push(href);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = options[activeIndex];
    go(chosen ? chosen.href : searchHref(text));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const key = event.key === 'ArrowDown' ? 'down' : 'up';
      setListWanted(true);
      setActive(moveActive(expanded ? activeIndex : -1, options.length, key));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (expanded) close();
      else if (text) setText('');
      else hideField();
    }
  };

  return (
    <div className="order-last shrink-0 md:order-none xl:relative xl:h-10 xl:w-44 2xl:w-64">
      <button
        type="button"
        popoverTarget={formId}
        popoverTargetAction="show"
        className="inline-flex size-10 items-center justify-center rounded-full text-stone-700 transition-colors hover:bg-stone-200/70 hover:text-stone-900 xl:hidden"
      >
        {magnifier}
        <span className="sr-only">Open search</span>
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: older browsers do not expose <search> as a landmark yet */}
      <form
        ref={formRef}
        id={formId}
        role="search"
        action="/search"
        popover="auto"
        onSubmit={submit}
        onBlur={(event) => {
          // Leaving the form on a small screen puts the header back, unless words were typed.
          if (!event.currentTarget.contains(event.relatedTarget) && !text) hideField();
        }}
        // Below xl a popover over the header's first row (the browser hides it until opened; these
        // classes replace the rest of its default popover style). From xl it sits in the row,
        // always shown, and widens over the nav while in use.
        className="fixed inset-x-0 top-0 bottom-auto m-0 h-auto w-auto items-center gap-2 overflow-visible border-0 border-stone-200 border-b bg-stone-50 px-4 py-3 text-stone-900 open:flex sm:px-6 md:py-4 lg:px-8 xl:absolute xl:inset-x-auto xl:top-0 xl:right-0 xl:z-10 xl:flex xl:w-full xl:border-0 xl:p-0 xl:transition-[width] xl:focus-within:w-80 xl:focus-within:pl-4 2xl:focus-within:w-96"
      >
        <div className="relative min-w-0 flex-1">
          <label htmlFor={`${id}-input`} className="sr-only">
            Search products
          </label>
          <input
            ref={inputRef}
            id={`${id}-input`}
            name="q"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={activeIndex >= 0 ? `${id}-option-${activeIndex}` : undefined}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={200}
            placeholder="Search products"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setListWanted(true);
              setActive(-1);
            }}
            onFocus={() => setListWanted(true)}
            onBlur={close}
            onKeyDown={onKeyDown}
            className="block h-10 w-full rounded-full border-0 bg-white pr-11 pl-4 text-base text-stone-900 shadow-sm ring-1 ring-stone-300 ring-inset transition-shadow placeholder:text-stone-400 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm"
          />
          <button
            type="submit"
            className="absolute inset-y-0 right-0 inline-flex w-11 items-center justify-center rounded-full text-stone-500 transition-colors hover:text-stone-900"
          >
            {magnifier}
            <span className="sr-only">Search</span>
          </button>
          <SearchSuggestions
            id={id}
            listboxId={listboxId}
            expanded={expanded}
            options={options}
            activeIndex={activeIndex}
            searchedFor={data?.searchedFor ?? null}
            onActivate={setActive}
            onChoose={(option) => go(option.href)}
          />
        </div>
        <button
          type="button"
          popoverTarget={formId}
          popoverTargetAction="hide"
          onClick={() => setText(shownText)}
          className="rounded-full px-2 py-2 font-medium text-sm text-stone-700 hover:text-stone-900 xl:hidden"
        >
          Cancel
        </button>
      </form>
      <p role="status" className="sr-only">
        {listWanted && typed && data
          ? items.length > 0
            ? `${items.length} ${items.length === 1 ? 'suggestion' : 'suggestions'}`
            : 'No suggestions'
          : ''}
      </p>
    </div>
  );
}
