'use client';

import { useEffect, useId, useRef } from 'react';

const TOOLS = [
  { command: 'bold', label: 'Bold', text: 'B', className: 'font-bold' },
  { command: 'italic', label: 'Italic', text: 'I', className: 'italic' },
  { command: 'insertUnorderedList', label: 'Bulleted list', text: '• List', className: '' },
  { command: 'insertOrderedList', label: 'Numbered list', text: '1. List', className: '' },
] as const;

/**
 * A small rich-text editor (paragraphs, bold, italic, lists, links). It edits HTML in the
 * browser; the API keeps only the safe part of whatever it receives.
 */
export function RichTextEditor({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const errorId = useId();

  // Set the content only when it changes from outside (loading, a reload): typing must not reset
  // the caret.
  useEffect(() => {
    const editor = ref.current;
    if (editor && editor.innerHTML !== value) editor.innerHTML = value;
  }, [value]);

  const run = (command: string, argument?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, argument);
    onChange(ref.current?.innerHTML ?? '');
  };

  return (
    <div>
      <span id={labelId} className="font-medium text-sm text-stone-800">
        {label}
      </span>
      <div className="mt-1.5 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-stone-300 focus-within:ring-2 focus-within:ring-brand-600">
        <div
          role="toolbar"
          aria-label={`${label} formatting`}
          className="flex gap-1 border-stone-200 border-b bg-stone-50 px-2 py-1"
        >
          {TOOLS.map((tool) => (
            <button
              key={tool.command}
              type="button"
              aria-label={tool.label}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(tool.command)}
              className={`rounded px-2 py-0.5 text-sm text-stone-700 hover:bg-stone-200 ${tool.className}`}
            >
              {tool.text}
            </button>
          ))}
          <button
            type="button"
            aria-label="Link"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const url = window.prompt('Link to (https://…)');
              if (url) run('createLink', url);
            }}
            className="rounded px-2 py-0.5 text-sm text-stone-700 underline hover:bg-stone-200"
          >
            Link
          </button>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a rich-text field has no native element */}
        <div
          ref={ref}
          role="textbox"
          tabIndex={0}
          aria-multiline="true"
          aria-labelledby={labelId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          contentEditable
          suppressContentEditableWarning
          onInput={(e) => onChange(e.currentTarget.innerHTML)}
          className="prose prose-sm min-h-32 max-w-none px-3 py-2 text-sm text-stone-900 focus:outline-none [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
        />
      </div>
      {error ? (
        <p id={errorId} className="mt-1.5 text-red-700 text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
