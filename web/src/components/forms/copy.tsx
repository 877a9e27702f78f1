import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { button } from '../ui.tsx';

/** Read-only text to paste elsewhere (embed code, webhook address), with a copy button. */
export function CopyField({ label, value, multiline, labelHidden }: { label: string; value: string; multiline?: boolean; labelHidden?: boolean }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <div className="min-w-0 space-y-1">
      <span className={labelHidden ? 'sr-only' : 'block text-xs font-medium text-stone-600'}>{label}</span>
      <div className="flex items-start gap-2">
        <code aria-label={label} className={`min-w-0 flex-1 rounded-md bg-stone-100 px-2.5 py-1.5 font-mono text-xs text-stone-800 ${multiline ? 'break-all whitespace-pre-wrap' : 'truncate'}`}>
          {value}
        </code>
        <button type="button" className={button.secondary} onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? <Check className="size-4 text-emerald-600" /> : <Copy className="size-4" />}
        </button>
      </div>
    </div>
  );
}

/** A secret the server shows exactly once: say so, and make it easy to copy. */
export function OneTimeSecret({ label, value, onDismiss }: { label: string; value: string; onDismiss: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200">
      <p className="text-sm text-emerald-900">Copy it now: it will not be shown again.</p>
      <CopyField label={label} value={value} multiline />
      <button type="button" className={button.ghost} onClick={onDismiss}>
        Done
      </button>
    </div>
  );
}
