import { type RefObject, useEffect, useRef } from 'react';

/**
 * A choice the visitor made in a form control before the page's script ran (on cached pages the
 * scripts start only after the first paint: src/server/scripts-after-paint.ts). React leaves such
 * a choice on the page when it hydrates, but its state still holds the server's value, so the
 * control would show one thing and the page act on another. After hydration, `adopt` is called
 * once with the control's value when it is not the one the server rendered.
 */
export function useEarlyValue(
  ref: RefObject<HTMLInputElement | HTMLSelectElement | null>,
  rendered: string,
  adopt: (value: string) => void,
): void {
  const first = useRef({ rendered, adopt });
  useEffect(() => {
    const control = ref.current;
    const { rendered, adopt } = first.current;
    if (control && !control.disabled && control.value !== rendered) adopt(control.value);
  }, [ref]);
}

/** The same for a checkbox: `adopt` when it was ticked or cleared before hydration. */
export function useEarlyCheck(
  ref: RefObject<HTMLInputElement | null>,
  rendered: boolean,
  adopt: () => void,
): void {
  const first = useRef({ rendered, adopt });
  useEffect(() => {
    const control = ref.current;
    const { rendered, adopt } = first.current;
    if (control && !control.disabled && control.checked !== rendered) adopt();
  }, [ref]);
}

/** The same for groups of radio buttons inside `ref`: `adopt` for each one picked before hydration. */
export function useEarlyPicks(
  ref: RefObject<HTMLElement | null>,
  rendered: Record<string, string | undefined>,
  adopt: (name: string, value: string) => void,
): void {
  const first = useRef({ rendered, adopt });
  useEffect(() => {
    const { rendered, adopt } = first.current;
    const picked = ref.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked');
    for (const radio of picked ?? []) {
      if (rendered[radio.name] !== radio.value) adopt(radio.name, radio.value);
    }
  }, [ref]);
}
