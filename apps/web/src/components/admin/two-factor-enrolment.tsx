'use client';

import type { TotpEnrolment } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { toDataURL } from 'qrcode';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { buttonClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { TotpCodeField } from './totp-code-field';

/**
 * TOTP enrolment: start, scan the QR code (or type the key), confirm with a code, then keep the
 * recovery codes, which are shown only this once.
 */
export function TwoFactorEnrolment({ required, enabled }: { required: boolean; enabled: boolean }) {
  const trpc = useTRPC();
  const [beginError, setBeginError] = useState<string>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const begin = useMutation(trpc.auth.twoFactor.begin.mutationOptions());

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} />;

  if (enabled) {
    return (
      <div className="space-y-4">
        <h1 className="font-semibold text-stone-900 text-xl">Two-factor authentication is on</h1>
        <p className="text-sm text-stone-600">
          You sign in with your password and a code from your authenticator app. If you lose your
          phone, use one of your recovery codes.
        </p>
        <Link href="/admin/security" className={buttonClass('secondary')}>
          Back to security
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="font-semibold text-stone-900 text-xl">Set up two-factor authentication</h1>
        <p className="mt-1 text-sm text-stone-600">
          {required
            ? 'Your role requires two-factor authentication. Set it up to start using the admin.'
            : 'Protect your account with a code from an authenticator app as well as your password.'}
        </p>
      </div>
      {begin.data ? (
        <ConfirmStep enrolment={begin.data} onConfirmed={setRecoveryCodes} />
      ) : (
        <div className="space-y-4">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-stone-700">
            <li>
              Install an authenticator app (for example 1Password, Aegis or Google Authenticator).
            </li>
            <li>Scan the QR code we show you, or type in the key.</li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <FormAlert message={beginError} />
          <Button
            pending={begin.isPending}
            onClick={() => {
              setBeginError(undefined);
              begin.mutate(undefined, {
                onError: (error) => setBeginError(formErrors(error, { fields: [] }).formError),
              });
            }}
          >
            Set up authenticator app
          </Button>
        </div>
      )}
      {!required ? (
        <Link
          href="/admin/security"
          className="inline-block text-sm text-stone-600 underline-offset-2 hover:underline"
        >
          Cancel
        </Link>
      ) : null}
    </div>
  );
}

function QrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    toDataURL(uri, { margin: 1, width: 208, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [uri]);
  return (
    <div className="flex size-52 items-center justify-center rounded-lg bg-white ring-1 ring-stone-200">
      {src ? (
        // biome-ignore lint/performance/noImgElement: a generated data: URL, nothing to optimise
        <img src={src} width={208} height={208} alt="QR code to scan with your authenticator app" />
      ) : (
        <span className="text-stone-400 text-xs">Drawing QR code…</span>
      )}
    </div>
  );
}

function ConfirmStep({
  enrolment,
  onConfirmed,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (codes: string[]) => void;
}) {
  const trpc = useTRPC();
  const secretId = useId();
  const { formRef, errors, field, setFromError, clear } = useFormErrors({ fields: ['code'] });
  const confirm = useMutation(trpc.auth.twoFactor.confirm.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { code = '' } = formValues(event.currentTarget);
    clear();
    confirm.mutate(
      { code },
      {
        onSuccess: (result) => onConfirmed(result.recoveryCodes),
        onError: setFromError,
      },
    );
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${secretId}-scan`} className="flex flex-col gap-5 sm:flex-row">
        <QrCode uri={enrolment.uri} />
        <div className="min-w-0 flex-1 space-y-2 text-sm">
          <h2 id={`${secretId}-scan`} className="font-medium text-stone-900">
            1. Scan this QR code with your authenticator app
          </h2>
          <p className="text-stone-600">Can’t scan it? Enter this key in the app instead:</p>
          <p>
            <span className="sr-only">Setup key: </span>
            <code
              data-testid="totp-secret"
              className="block break-all rounded-lg bg-stone-100 px-3 py-2 font-mono text-stone-900 tracking-wider"
            >
              {enrolment.secret}
            </code>
          </p>
          <p className="text-stone-500 text-xs">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </section>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <h2 className="font-medium text-sm text-stone-900">2. Enter the code the app shows</h2>
        <FormAlert message={errors?.formError} />
        <TotpCodeField className="max-w-xs" error={field('code')} />
        <Button type="submit" pending={confirm.isPending}>
          Turn on two-factor
        </Button>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const savedId = useId();
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  const text = `Bazaar admin recovery codes\nEach code works once.\n\n${codes.join('\n')}\n`;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Recovery codes copied to the clipboard.');
    } catch {
      setStatus('Couldn’t copy. Select the codes and copy them by hand.');
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'bazaar-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
    setStatus('Recovery codes downloaded.');
  }

  return (
    <div className="space-y-5">
      <div>
        <h1
          ref={headingRef}
          tabIndex={-1}
          className="font-semibold text-stone-900 text-xl focus:outline-none"
        >
          Two-factor authentication is on
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          Save these recovery codes somewhere safe, such as a password manager. If you lose your
          phone, each code lets you sign in once.{' '}
          <strong className="font-medium text-stone-900">
            This is the only time they are shown.
          </strong>
        </p>
      </div>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-2 rounded-lg bg-stone-100 p-4 font-mono text-sm text-stone-900"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" size="sm" onClick={copy}>
          Copy codes
        </Button>
        <Button variant="secondary" size="sm" onClick={download}>
          Download as .txt
        </Button>
      </div>
      <FormStatus message={status} />
      <div className="flex items-center gap-2">
        <input
          id={savedId}
          type="checkbox"
          checked={saved}
          onChange={(event) => setSaved(event.target.checked)}
          className="size-4 rounded border-stone-300 accent-brand-600"
        />
        <label htmlFor={savedId} className="text-sm text-stone-800">
          I have saved my recovery codes
        </label>
      </div>
      <Button
        disabled={!saved}
        pending={leaving}
        onClick={() => {
          setLeaving(true);
          // A full load: the console's layout must read the session's new permissions.
          window.location.assign('/admin');
        }}
      >
        Continue to the admin
      </Button>
    </div>
  );
}
