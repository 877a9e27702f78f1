import { createContext, type FormEvent, type ReactNode, useContext } from 'react';
import { ApiError } from '../../lib/api.ts';
import { button } from '../ui.tsx';

const FormError = createContext<unknown>(null);

export const errorText = (error: unknown): string | null => (error instanceof ApiError ? error.message : error ? 'Something went wrong. Try again.' : null);

/** The server names the field a 400 is about (`imap.host`); that field shows the message next to itself. */
export function useFieldError(name: string | undefined): string | null {
  const error = useContext(FormError);
  if (!name || !(error instanceof ApiError) || !error.field) return null;
  return error.field === name || error.field.startsWith(`${name}.`) ? error.message : null;
}

function unclaimed(error: unknown, fields: string[]): string | null {
  if (error instanceof ApiError && error.field && fields.some((f) => error.field === f || error.field?.startsWith(`${f}.`))) return null;
  return errorText(error);
}

/**
 * A settings form: submit and cancel buttons, the pending state, and the server's error shown
 * beside the field it names (fields listed in `fields`) or above the buttons otherwise.
 */
export function Form({
  onSubmit,
  pending,
  error,
  submitLabel,
  onCancel,
  fields = [],
  children,
  layout = 'stack',
  label,
}: {
  onSubmit: () => void;
  pending?: boolean;
  error?: unknown;
  submitLabel: string;
  onCancel?: () => void;
  /** Names of the fields that show their own error. */
  fields?: string[];
  children: ReactNode;
  layout?: 'stack' | 'inline';
  label?: string;
}) {
  const message = unclaimed(error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const inline = layout === 'inline';
  const alert = message && (
    <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
  return (
    <FormError.Provider value={error ?? null}>
      <form aria-label={label} onSubmit={submit} className={inline ? 'flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200' : 'space-y-4'}>
        {children}
        {!inline && alert}
        <div className={inline ? 'flex gap-2' : 'flex items-center justify-end gap-2 pt-2'}>
          {onCancel && (
            <button type="button" className={button.secondary} onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className={button.primary} disabled={pending}>
            {pending ? 'Saving…' : submitLabel}
          </button>
        </div>
        {inline && alert}
      </form>
    </FormError.Provider>
  );
}

/** A titled group of fields inside a form. */
export function FieldGroup({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 p-3">
      <legend className="px-1 text-sm font-semibold text-stone-800">{title}</legend>
      {description && <p className="-mt-1 text-xs text-stone-500">{description}</p>}
      {children}
    </fieldset>
  );
}

/** Fields side by side. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 [&:has(>:nth-child(3))]:sm:grid-cols-3">{children}</div>;
}
