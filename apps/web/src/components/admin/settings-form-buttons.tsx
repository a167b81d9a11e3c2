import { Button } from '@/components/ui/button';

/** A settings form's submit button, and Cancel when the form edits an item in place. */
export function SettingsFormButtons({
  submitLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
    </div>
  );
}
