'use client';

import type { AdminCategory } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { inputClass, surfaceClass } from '@/components/ui/styles';
import { categoryPickerOptions } from '@/lib/categories';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { DeleteDialog, useDeleteConfirmation } from './delete-dialog';

const depthOf = (list: readonly AdminCategory[], c: AdminCategory): number => {
  let depth = 0;
  for (let p = c.parentId; p; p = list.find((x) => x.id === p)?.parentId ?? null) depth++;
  return depth;
};

/** The category tree: add, rename, reorder among siblings, move under another parent, delete. */
export function CategoryManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.catalog.categories.list.queryOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.catalog.categories.pathFilter()),
      queryClient.invalidateQueries(trpc.catalog.categories.pathFilter()),
    ]);
  const create = useMutation(
    trpc.admin.catalog.categories.create.mutationOptions({ onSuccess: refresh }),
  );
  const update = useMutation(
    trpc.admin.catalog.categories.update.mutationOptions({ onSuccess: refresh }),
  );
  const move = useMutation(
    trpc.admin.catalog.categories.move.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(
    trpc.admin.catalog.categories.delete.mutationOptions({ onSuccess: refresh }),
  );
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<string | null>(null);
  const [createErrors, setCreateErrors] = useState<Record<string, string[]>>({});
  const categories = list.data ?? [];
  const fail = (e: unknown) => setError(formErrors(e, { fields: [] }).formError);
  const done = (message: string) => {
    setError(undefined);
    setStatus(message);
  };
  // A failed delete shows in the dialog and, once it is closed, above the tree.
  const deletion = useDeleteConfirmation<AdminCategory>(
    remove,
    (c) => done(`${c.name} deleted.`),
    fail,
  );

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        name: String(data.get('name') ?? ''),
        parentId: String(data.get('parentId') ?? '') || null,
      },
      {
        onSuccess: (c) => {
          form.reset();
          setCreateErrors({});
          done(`${c.name} added.`);
        },
        onError: (e) => setCreateErrors(formErrors(e).fieldErrors),
      },
    );
  }

  const siblings = (c: AdminCategory) => categories.filter((x) => x.parentId === c.parentId);
  const pickerOptions = categoryPickerOptions(categories);
  const inside = (c: AdminCategory, candidateId: string): boolean => {
    for (
      let p: string | null = candidateId;
      p;
      p = categories.find((x) => x.id === p)?.parentId ?? null
    ) {
      if (p === c.id) return true;
    }
    return false;
  };

  return (
    <div className="space-y-6">
      <PageHeading
        title="Categories"
        description="The tree shoppers browse. Order and nesting here are the order and nesting in the shop."
      />
      <FormStatus message={status} />
      <FormAlert message={error} />

      <Card title="Add a category">
        <form
          onSubmit={add}
          noValidate
          className="flex flex-wrap items-end gap-3"
          aria-label="Add a category"
        >
          <TextField
            label="Name"
            name="name"
            error={createErrors.name?.[0] ?? createErrors.slug?.[0]}
            className="min-w-56"
          />
          <SelectField label="Inside" name="parentId" defaultValue="">
            <option value="">Top level</option>
            {pickerOptions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <Button type="submit" pending={create.isPending}>
            Add category
          </Button>
        </form>
      </Card>

      <ul aria-label="Category tree" className={`${surfaceClass} divide-y divide-stone-100`}>
        {categories.map((c) => {
          const peers = siblings(c);
          const index = peers.findIndex((p) => p.id === c.id);
          return (
            <li
              key={c.id}
              className="flex flex-wrap items-center gap-3 px-4 py-2.5"
              style={{ paddingLeft: `${1 + depthOf(categories, c) * 1.5}rem` }}
            >
              {editing === c.id ? (
                <form
                  aria-label={`Rename ${c.name}`}
                  className="flex flex-1 flex-wrap items-center gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const data = new FormData(e.currentTarget);
                    update.mutate(
                      {
                        id: c.id,
                        name: String(data.get('name')),
                        slug: String(data.get('slug')),
                        description: c.description,
                      },
                      {
                        onSuccess: (saved) => {
                          setEditing(null);
                          done(`${saved.name} saved.`);
                        },
                        onError: fail,
                      },
                    );
                  }}
                >
                  <input
                    aria-label="Name"
                    name="name"
                    defaultValue={c.name}
                    className={`${inputClass} max-w-60`}
                  />
                  <input
                    aria-label="Slug"
                    name="slug"
                    defaultValue={c.slug}
                    className={`${inputClass} max-w-60 font-mono`}
                  />
                  <Button type="submit" size="sm" pending={update.isPending}>
                    Save
                  </Button>
                  <Button size="sm" variant="quiet" onClick={() => setEditing(null)}>
                    Cancel
                  </Button>
                </form>
              ) : (
                <>
                  <span className="flex-1 font-medium text-stone-900">
                    {c.name}{' '}
                    <span className="font-normal text-stone-500 text-xs">
                      /c/{c.slug} · {c.productCount} products
                    </span>
                  </span>
                  <Button
                    size="sm"
                    variant="quiet"
                    aria-label={`Move ${c.name} up`}
                    disabled={index <= 0}
                    onClick={() =>
                      move.mutate(
                        { id: c.id, parentId: c.parentId, position: index - 1 },
                        { onSuccess: () => done(`${c.name} moved up.`), onError: fail },
                      )
                    }
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="quiet"
                    aria-label={`Move ${c.name} down`}
                    disabled={index === peers.length - 1}
                    onClick={() =>
                      move.mutate(
                        { id: c.id, parentId: c.parentId, position: index + 1 },
                        { onSuccess: () => done(`${c.name} moved down.`), onError: fail },
                      )
                    }
                  >
                    ↓
                  </Button>
                  <label className="sr-only" htmlFor={`parent-${c.id}`}>
                    Move {c.name} into
                  </label>
                  <select
                    id={`parent-${c.id}`}
                    value={c.parentId ?? ''}
                    onChange={(e) =>
                      move.mutate(
                        { id: c.id, parentId: e.target.value || null, position: 10_000 },
                        { onSuccess: () => done(`${c.name} moved.`), onError: fail },
                      )
                    }
                    className={`${inputClass} max-w-48`}
                  >
                    <option value="">Top level</option>
                    {pickerOptions
                      .filter((p) => !inside(c, p.id))
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                  </select>
                  <Button size="sm" variant="quiet" onClick={() => setEditing(c.id)}>
                    Rename
                  </Button>
                  <Button size="sm" variant="quiet" onClick={() => deletion.ask(c)}>
                    Delete
                  </Button>
                </>
              )}
            </li>
          );
        })}
      </ul>

      <DeleteDialog confirmation={deletion} title={(c) => `Delete ${c.name}?`}>
        {() => 'Only an empty category can be deleted: move its products and subcategories first.'}
      </DeleteDialog>
    </div>
  );
}
