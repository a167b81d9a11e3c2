'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/messages';
import { buttonClass, surfaceClass } from '@/components/ui/styles';
import { useTRPC } from '@/trpc/react';

/**
 * "Import CSV": sends the file to the API, then follows the import with a progress bar and shows
 * the rows it refused (row, column, reason). Refused rows changed nothing; the others are saved.
 */
export function CatalogImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [importId, setImportId] = useState<string>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const progress = useQuery({
    ...trpc.admin.catalog.imports.get.queryOptions({ id: importId ?? '' }),
    enabled: importId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
  const finished = progress.data && progress.data.status !== 'running';

  useEffect(() => {
    if (finished) void queryClient.invalidateQueries(trpc.admin.catalog.pathFilter());
  }, [finished, queryClient, trpc]);

  async function send(file: File) {
    setError(undefined);
    setImportId(undefined);
    setSending(true);
    try {
      const res = await fetch('/files/products.csv', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: string } | null;
      if (res.status !== 202 || !body?.id)
        setError(body?.error ?? `The import failed (HTTP ${res.status})`);
      else setImportId(body.id);
    } finally {
      setSending(false);
    }
  }

  const data = progress.data;
  return (
    <div className="space-y-3">
      <label htmlFor={inputId} className={`${buttonClass('secondary')} cursor-pointer`}>
        {sending ? 'Sending…' : 'Import CSV'}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void send(file);
          e.target.value = '';
        }}
      />
      <FormAlert message={error} />
      {data ? (
        <section aria-label="Import" className={`${surfaceClass} space-y-3 p-4 text-sm`}>
          <label className="block font-medium text-stone-800" htmlFor={`${inputId}-progress`}>
            {data.status === 'running'
              ? `Importing… ${data.processed.toLocaleString('en')} of ${data.total.toLocaleString('en')} rows`
              : data.status === 'failed'
                ? 'The import stopped: try again.'
                : `Import finished: ${data.applied.toLocaleString('en')} of ${data.total.toLocaleString('en')} rows saved.`}
          </label>
          <progress
            id={`${inputId}-progress`}
            value={data.processed}
            max={Math.max(1, data.total)}
            className="h-2 w-full"
          />
          {data.report.length ? (
            <table className="min-w-full text-left">
              <caption className="text-left font-medium text-red-800">
                Rows not imported (they changed nothing)
              </caption>
              <thead className="text-stone-500 text-xs uppercase">
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    Row
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Column
                  </th>
                  <th scope="col" className="py-1">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.report.map((line) => (
                  <tr key={`${line.row}-${line.field}`}>
                    <td className="py-1 pr-4 tabular-nums">{line.row}</td>
                    <td className="py-1 pr-4 font-mono">{line.field}</td>
                    <td className="py-1">{line.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
