import { Dialog } from 'radix-ui';
import { Kbd } from './ui.tsx';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous ticket'],
  ['Enter', 'Open the selected ticket'],
  ['x', 'Select the ticket for a bulk action'],
  ['/', 'Search'],
  ['c', 'New ticket (in a list)'],
  ['r', 'Reply (on a ticket)'],
  ['n', 'Internal note (on a ticket)'],
  ['e', 'Solve (on a ticket)'],
  ['Esc', 'Back to the list'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-full max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl ring-1 ring-stone-200">
          <Dialog.Title className="text-base font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-stone-500">Work the queue without the mouse.</Dialog.Description>
          <dl className="mt-4 divide-y divide-stone-100">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="flex items-center justify-between py-2 text-sm">
                <dt className="text-stone-700">{what}</dt>
                <dd>
                  <Kbd>{keys}</Kbd>
                </dd>
              </div>
            ))}
          </dl>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
