'use client';

import type { FormEvent } from 'react';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { formErrors } from '@/lib/form-errors';
import { splitFormErrors } from '@/lib/shop-settings';

type FieldErrors = Record<string, string[]>;

/** What saving needs of a mutation: a tRPC `save` procedure's `useMutation` fits. */
export interface SaveMutation<TInput, TSaved> {
  mutate: (
    input: TInput,
    options: { onSuccess: (saved: TSaved) => void; onError: (error: unknown) => void },
  ) => void;
}

/**
 * A settings form that adds an item, or edits one in place. `submit(read)` is its submit
 * handler: `read` turns the form's values into what `save` takes, writing what it cannot read
 * into `problems` (field → messages); any problem stops the save and shows them all.
 *
 * After a save, a form that adds is emptied (`onReset` resets what React holds) and `onSaved`
 * gets the saved item. The API's objections stay by the fields `isField` accepts (`toFields`
 * renames their paths first, given the input sent); the others go to the form's alert.
 */
export function useSettingsForm<TInput, TSaved>({
  save,
  adding,
  onSaved,
  onReset,
  isField,
  toFields,
}: {
  save: SaveMutation<TInput, TSaved>;
  adding: boolean;
  onSaved: (saved: TSaved) => void;
  onReset?: () => void;
  isField: (field: string) => boolean;
  toFields?: (fieldErrors: FieldErrors, sent: TInput) => FieldErrors;
}) {
  const { formRef, errors, field, setErrors, clear } = useFormErrors();

  const submit =
    (read: (values: Record<string, string>, problems: FieldErrors) => TInput) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const problems: FieldErrors = {};
      const input = read(formValues(form), problems);
      if (Object.keys(problems).length) {
        setErrors({ formError: 'Some fields need your attention.', fieldErrors: problems });
        return;
      }
      clear();
      save.mutate(input, {
        onSuccess: (saved) => {
          if (adding) {
            form.reset();
            onReset?.();
          }
          onSaved(saved);
        },
        onError: (e) => {
          const all = formErrors(e);
          const fieldErrors = toFields ? toFields(all.fieldErrors, input) : all.fieldErrors;
          setErrors(splitFormErrors({ ...all, fieldErrors }, isField));
        },
      });
    };

  return { formRef, errors, field, submit };
}
