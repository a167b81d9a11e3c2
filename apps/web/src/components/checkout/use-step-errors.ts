'use client';

import { useEffect } from 'react';
import { useFormErrors } from '@/components/ui/use-form-errors';
import type { FormErrors } from '@/lib/form-errors';

/**
 * A step's form errors: its own checks, plus what placing the order said about its fields
 * (shown, and focused, when the checkout sends the shopper back to this step).
 */
export function useStepErrors(fields: readonly string[], serverErrors: FormErrors | undefined) {
  const form = useFormErrors({ fields });
  const { setErrors } = form;
  useEffect(() => {
    if (serverErrors) setErrors(serverErrors);
  }, [serverErrors, setErrors]);
  return form;
}
