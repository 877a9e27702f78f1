import { X } from 'lucide-react';
import { AlertDialog, Dialog } from 'radix-ui';
import { type ReactNode, useState } from 'react';
import { button } from '../ui.tsx';

/** A modal holding one form; it scrolls inside when the form is taller than the window. */
export function FormDialog({ open, onClose, title, description, wide, children }: { open: boolean; onClose: () => void; title: string; description?: string; wide?: boolean; children: ReactNode }) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <Dialog.Content
          className={`fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-stone-200 ${wide ? 'max-w-3xl' : 'max-w-xl'}`}
        >
          <div className="flex items-start gap-3 border-b border-stone-100 px-5 py-3.5">
            <div className="min-w-0 flex-1">
              <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
              {description ? <Dialog.Description className="text-sm text-stone-500">{description}</Dialog.Description> : <Dialog.Description className="sr-only">{title}</Dialog.Description>}
            </div>
            <Dialog.Close aria-label="Close" className={button.ghost}>
              <X className="size-4" />
            </Dialog.Close>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Which item a dialog edits: `null` while adding a new one. */
export function useEditor<T>() {
  const [state, setState] = useState<{ item: T | null } | null>(null);
  return {
    open: state !== null,
    item: state?.item ?? null,
    create: () => setState({ item: null }),
    edit: (item: T) => setState({ item }),
    close: () => setState(null),
  };
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton({
  children,
  label,
  title,
  description,
  confirmLabel,
  onConfirm,
  className = button.ghost,
}: {
  children: ReactNode;
  label?: string;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  className?: string;
}) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger aria-label={label} className={className}>
        {children}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-xl bg-white p-5 shadow-xl ring-1 ring-stone-200">
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-stone-600">{description}</AlertDialog.Description>
          <div className="flex justify-end gap-2 pt-1">
            <AlertDialog.Cancel className={button.secondary}>Cancel</AlertDialog.Cancel>
            <AlertDialog.Action className={`${button.primary} bg-red-700 hover:bg-red-800`} onClick={onConfirm}>
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
