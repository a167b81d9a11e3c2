'use client';

import { useId, useState } from 'react';
import { buttonClass } from '@/components/ui/styles';

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
}

/** Sends one file to the API; the error is the API's own message. */
async function send(file: File): Promise<UploadedImage> {
  const res = await fetch('/media/uploads', {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as (UploadedImage & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The upload failed (HTTP ${res.status})`);
  return body;
}

/** Drop images here or pick them: each is uploaded (checked and resized by the API) in turn. */
export function ImageUpload({
  onUploaded,
}: {
  onUploaded: (image: UploadedImage, name: string) => void;
}) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [errors, setErrors] = useState<string[]>([]);

  async function upload(files: readonly File[]) {
    setErrors([]);
    const failed: string[] = [];
    for (const [i, file] of files.entries()) {
      setBusy(`Uploading ${file.name} (${i + 1} of ${files.length})…`);
      try {
        onUploaded(await send(file), file.name);
      } catch (error) {
        failed.push(`${file.name}: ${(error as Error).message}`);
      }
    }
    setBusy(undefined);
    setErrors(failed);
  }

  return (
    <div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a shortcut; the file button inside does the same */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void upload([...e.dataTransfer.files]);
        }}
        data-testid="image-drop-zone"
        className={`flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center text-sm transition-colors ${
          over ? 'border-brand-600 bg-brand-50' : 'border-stone-300 bg-stone-50'
        }`}
      >
        <p className="text-stone-700">Drop images here, or</p>
        <label htmlFor={inputId} className={`${buttonClass('secondary', 'sm')} cursor-pointer`}>
          Choose images
        </label>
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          multiple
          className="sr-only"
          onChange={(e) => {
            void upload([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <p className="text-stone-500 text-xs">
          JPEG, PNG, WebP, AVIF or GIF; resized and converted to WebP.
        </p>
      </div>
      <p aria-live="polite" className="mt-2 text-sm text-stone-600">
        {busy}
      </p>
      {errors.length ? (
        <ul role="alert" className="mt-2 space-y-1 text-red-700 text-sm">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
