import { useQueryClient } from '@tanstack/react-query';
import { FolderOpen, FolderPlus, Library } from 'lucide-react';
import { useState } from 'react';
import { Select } from '../../components/select.tsx';
import { button, input } from '../../components/ui.tsx';
import { api, ApiError } from '../../lib/api.ts';
import { categoryTree, useCategories } from './knowledge-api.ts';

const NONE = 'none';

/** Categories and their sections; choosing one filters the list. Publishers may add one. */
export function CategoryTree({ selected, onSelect, canManage }: { selected: number | null; onSelect: (id: number | null) => void; canManage: boolean }) {
  const categories = useCategories();
  const tree = categoryTree(categories.data ?? []);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [parent, setParent] = useState(NONE);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const create = async () => {
    setError(null);
    try {
      await api.post('/knowledge/categories', { name: name.trim(), ...(parent !== NONE ? { parentId: Number(parent) } : {}) });
      await queryClient.invalidateQueries({ queryKey: ['knowledge', 'categories'] });
      setName('');
      setParent(NONE);
      setAdding(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The category could not be created.');
    }
  };

  const item = (id: number | null, label: string, depth: number, Icon: typeof FolderOpen) => (
    <li key={id ?? 'all'}>
      <button
        type="button"
        aria-current={selected === id ? 'true' : undefined}
        onClick={() => onSelect(id)}
        style={{ paddingLeft: `${0.5 + depth * 0.9}rem` }}
        className={`flex w-full items-center gap-2 rounded-md py-1.5 pr-2 text-left text-sm ${selected === id ? 'bg-brand-50 font-medium text-brand-800' : 'text-stone-700 hover:bg-stone-100'}`}
      >
        <Icon className={`size-4 shrink-0 ${selected === id ? 'text-brand-700' : 'text-stone-400'}`} aria-hidden />
        <span className="truncate">{label}</span>
      </button>
    </li>
  );

  return (
    <aside aria-label="Categories" className="w-48 shrink-0 overflow-y-auto border-r border-stone-200 bg-white p-2">
      <p className="px-2 pt-1 pb-1 text-[11px] font-semibold tracking-wide text-stone-400 uppercase">Categories</p>
      <ul className="space-y-0.5">
        {item(null, 'All articles', 0, Library)}
        {tree.map(({ category, depth }) => item(category.id, category.name, depth, FolderOpen))}
      </ul>
      {canManage &&
        (adding ? (
          <form
            className="mt-3 space-y-2 rounded-md bg-stone-50 p-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void create();
            }}
          >
            <input autoFocus aria-label="Category name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} className={input} />
            <Select compact label="Inside" value={parent} onChange={setParent} options={[{ value: NONE, label: 'Top level' }, ...tree.map(({ category, depth }) => ({ value: String(category.id), label: `${'— '.repeat(depth)}in ${category.name}` }))]} />
            {error && <p className="text-xs text-red-700">{error}</p>}
            <div className="flex justify-end gap-1">
              <button type="button" className={button.ghost} onClick={() => setAdding(false)}>
                Cancel
              </button>
              <button type="submit" className={button.primary} disabled={!name.trim()}>
                Add
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={`${button.ghost} mt-2 w-full justify-start text-xs`} onClick={() => setAdding(true)}>
            <FolderPlus className="size-4" aria-hidden /> New category
          </button>
        ))}
    </aside>
  );
}
