import { KeyRound, Pencil, Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { ConfirmButton } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';

/** One settings page: its title, what it is for, and its main action. */
export function SettingsHeader({ title, description, action }: { title: string; description: ReactNode; action?: ReactNode }) {
  return (
    <header className="flex items-start gap-4">
      <div className="min-w-0 flex-1">
        <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
        <p className="max-w-2xl text-sm text-stone-500">{description}</p>
      </div>
      {action}
    </header>
  );
}

export function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className={`${button.primary} shrink-0`} onClick={onClick}>
      <Plus className="size-4" aria-hidden /> {children}
    </button>
  );
}

export function SubSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <div>
        <h2 className="text-sm font-semibold text-stone-800">{title}</h2>
        {description && <p className="text-sm text-stone-500">{description}</p>}
      </div>
      {children}
    </section>
  );
}

export const cell = 'px-4 py-2.5 align-top';

export function Table({ head, children, empty, loading, label }: { head: string[]; children: ReactNode[]; empty: string; loading?: boolean; label: string }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500">
          <tr>
            {head.map((h, i) => (
              <th key={h || i} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {children.length > 0 ? (
            children
          ) : (
            <tr>
              <td colSpan={head.length} className="px-4 py-8 text-center text-sm text-stone-500">
                {loading ? 'Loading…' : empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface Confirmed {
  what: string;
  consequence: string;
  onConfirm: () => void;
}

/** Edit, replace-secret and delete buttons at the end of a row, named after the item for screen readers. */
export function RowActions({ name, onEdit, rotate, remove, children }: { name: string; onEdit?: () => void; rotate?: Confirmed; remove?: Partial<Confirmed> & Omit<Confirmed, 'consequence'>; children?: ReactNode }) {
  return (
    <div className="flex items-center justify-end gap-1 whitespace-nowrap">
      {children}
      {rotate && (
        <ConfirmButton label={`New ${rotate.what} for ${name}`} title={`Replace the ${rotate.what}?`} description={rotate.consequence} confirmLabel="Replace secret" onConfirm={rotate.onConfirm}>
          <KeyRound className="size-4" />
        </ConfirmButton>
      )}
      {onEdit && (
        <button type="button" aria-label={`Edit ${name}`} title="Edit" className={button.ghost} onClick={onEdit}>
          <Pencil className="size-4" />
        </button>
      )}
      {remove && (
        <ConfirmButton
          label={`Delete ${name}`}
          title={`Delete ${remove.what} “${name}”?`}
          description={remove.consequence ?? 'This cannot be undone.'}
          confirmLabel="Delete"
          onConfirm={remove.onConfirm}
        >
          <Trash2 className="size-4" />
        </ConfirmButton>
      )}
    </div>
  );
}

const TONES = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  grey: 'bg-stone-100 text-stone-600 ring-stone-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  blue: 'bg-sky-50 text-sky-700 ring-sky-200',
};

export function Pill({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

export const ActivePill = ({ active }: { active: boolean }) => <Pill tone={active ? 'green' : 'grey'}>{active ? 'Active' : 'Paused'}</Pill>;

/** Switches an item off from its row, after saying what that means, or back on. */
export function ActiveToggle({ name, active, consequence, onChange }: { name: string; active: boolean; consequence: string; onChange: (active: boolean) => void }) {
  return active ? (
    <ConfirmButton label={`Deactivate ${name}`} title={`Deactivate ${name}?`} description={consequence} confirmLabel="Deactivate" onConfirm={() => onChange(false)}>
      Deactivate
    </ConfirmButton>
  ) : (
    <button type="button" aria-label={`Reactivate ${name}`} className={button.ghost} onClick={() => onChange(true)}>
      Reactivate
    </button>
  );
}

/** An error from loading or a row action, shown above the list. */
export function ErrorNote({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
