'use client';

import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { type FormErrorOptions, type FormErrors, fieldError, formErrors } from '@/lib/form-errors';

/** The form's fields as strings (checkboxes: "on" when checked, absent otherwise). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/**
 * Error state for one form, the same in the shop and the admin: `setFromError` maps a failed
 * call, `field(name)` reads a field's message, and after each failure focus moves to the first
 * invalid field, or to the form's `role="alert"` summary when no field is at fault.
 */
export function useFormErrors(options: FormErrorOptions = {}): {
  errors: FormErrors | null;
  formRef: RefObject<HTMLFormElement | null>;
  field: (name: string) => string | undefined;
  setFromError: (error: unknown) => void;
  setErrors: (errors: FormErrors | null) => void;
  clear: () => void;
} {
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (!errors) return;
    const form = formRef.current;
    if (Object.keys(errors.fieldErrors).length > 0) {
      form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } else if (errors.formError) {
      const alert = form?.querySelector<HTMLElement>('[role="alert"]');
      if (!alert) return;
      alert.tabIndex = -1;
      alert.focus();
    }
  }, [errors]);

  const setFromError = useCallback((error: unknown) => {
    setErrors(formErrors(error, optionsRef.current));
  }, []);
  const clear = useCallback(() => setErrors(null), []);
  const field = useCallback((name: string) => fieldError(errors, name), [errors]);
  return { errors, formRef, field, setFromError, setErrors, clear };
}
