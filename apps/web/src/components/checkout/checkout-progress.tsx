import { CHECKOUT_STEPS, type CheckoutStepId } from '@/lib/checkout';

export type StepState = 'done' | 'current' | 'upcoming';

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

/** The numbered steps, the current one marked (`aria-current="step"`), done ones ticked. */
export function CheckoutProgress({
  stateOf,
  onGoTo,
}: {
  stateOf: (id: CheckoutStepId) => StepState;
  onGoTo: (id: CheckoutStepId) => void;
}) {
  return (
    <nav aria-label="Checkout progress">
      <ol className="flex flex-wrap gap-x-1.5 gap-y-2">
        {CHECKOUT_STEPS.map((step, i) => {
          const state = stateOf(step.id);
          const marker = (
            <span
              aria-hidden="true"
              className={`grid size-7 shrink-0 place-items-center rounded-full font-semibold text-xs ${
                state === 'current'
                  ? 'bg-stone-900 text-white'
                  : state === 'done'
                    ? 'bg-brand-100 text-brand-800'
                    : 'bg-white text-stone-500 ring-1 ring-stone-300'
              }`}
            >
              {state === 'done' ? <CheckIcon /> : i + 1}
            </span>
          );
          const label = (
            <>
              {marker}
              <span className="sr-only">Step {i + 1}: </span>
              <span className={state === 'current' ? 'inline' : 'hidden sm:inline'}>
                {step.title}
              </span>
              {state === 'done' ? <span className="sr-only"> (done)</span> : null}
            </>
          );
          return (
            <li
              key={step.id}
              aria-current={state === 'current' ? 'step' : undefined}
              className={`flex items-center gap-1.5 text-sm ${
                state === 'current' ? 'font-semibold text-stone-900' : 'text-stone-600'
              }`}
            >
              {state === 'done' ? (
                <button
                  type="button"
                  onClick={() => onGoTo(step.id)}
                  className="flex items-center gap-2 rounded-full pr-1 hover:text-stone-900 hover:underline"
                >
                  {label}
                </button>
              ) : (
                <span className="flex items-center gap-2 pr-1">{label}</span>
              )}
              {i < CHECKOUT_STEPS.length - 1 ? (
                <span aria-hidden="true" className="hidden h-px w-4 bg-stone-300 sm:block" />
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
