import { Check, ChevronDown } from 'lucide-react';
import { Select as S } from 'radix-ui';

export interface Option {
  value: string;
  label: string;
}

/** A labelled dropdown (Radix Select): keyboard and screen-reader friendly. */
export function Select({ label, value, options, onChange, compact }: { label: string; value: string; options: Option[]; onChange: (value: string) => void; compact?: boolean }) {
  return (
    <S.Root value={value} onValueChange={onChange}>
      <S.Trigger
        aria-label={label}
        className={`inline-flex w-full items-center justify-between gap-2 rounded-md bg-white text-left text-sm text-stone-800 ring-1 ring-inset ring-stone-300 hover:bg-stone-50 focus:ring-2 focus:ring-brand-600 focus:outline-none ${compact ? 'px-2 py-1' : 'px-2.5 py-1.5 shadow-sm'}`}
      >
        <S.Value />
        <S.Icon>
          <ChevronDown className="size-4 text-stone-400" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content position="popper" sideOffset={4} className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-stone-200">
          <S.Viewport>
            {options.map((o) => (
              <S.Item key={o.value} value={o.value} className="relative flex cursor-default items-center py-1.5 pr-3 pl-7 text-stone-800 outline-none select-none data-[highlighted]:bg-brand-50 data-[highlighted]:text-brand-800">
                <S.ItemIndicator className="absolute left-2">
                  <Check className="size-3.5" />
                </S.ItemIndicator>
                <S.ItemText>{o.label}</S.ItemText>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
