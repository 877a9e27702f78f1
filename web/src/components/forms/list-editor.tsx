import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { button } from '../ui.tsx';

/**
 * Rows of the same shape (holidays, skills, capacities…), each edited in place, removed by its
 * own button, and added at the end.
 */
export function ListEditor<T>({
  items,
  onChange,
  blank,
  addLabel,
  itemLabel,
  empty,
  inline,
  children,
}: {
  items: T[];
  onChange: (items: T[]) => void;
  blank: () => T;
  addLabel: string;
  /** Names a row for the remove button's label. */
  itemLabel: (item: T, index: number) => string;
  empty?: string;
  /** Rows side by side on one line (a day's opening hours) rather than one under another. */
  inline?: boolean;
  children: (item: T, update: (patch: Partial<T>) => void, index: number) => ReactNode;
}) {
  return (
    <div className={inline ? 'flex flex-wrap items-center gap-x-4 gap-y-2' : 'space-y-2'}>
      {items.length === 0 && empty && <p className="text-xs text-stone-500">{empty}</p>}
      {items.map((item, i) => (
        <div key={i} className={inline ? 'flex items-center gap-1' : 'flex items-end gap-2'}>
          <div className={inline ? 'flex items-center gap-1' : 'flex min-w-0 flex-1 flex-wrap items-end gap-2'}>
            {children(item, (patch) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it))), i)}
          </div>
          <button type="button" aria-label={`Remove ${itemLabel(item, i)}`} className={`${button.ghost} ${inline ? '' : 'mb-0.5'}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
            <X className="size-4" />
          </button>
        </div>
      ))}
      <button type="button" className={inline ? button.ghost : button.secondary} onClick={() => onChange([...items, blank()])}>
        <Plus className="size-4" aria-hidden /> {addLabel}
      </button>
    </div>
  );
}
