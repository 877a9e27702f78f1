import { type ReactNode, useEffect, useId, useState } from 'react';
import { type Option, Select } from '../select.tsx';
import { input } from '../ui.tsx';
import { useFieldError } from './form.tsx';

interface Common {
  label: string;
  /** The API field this edits, so a 400 about it shows here. */
  name?: string;
  hint?: ReactNode;
  className?: string;
  /** For a field whose row already says what it is (a time in a day's row): read only by screen readers. */
  labelHidden?: boolean;
}

/** A label above its control, a hint and the field's error below, wired up for screen readers. */
function Field({ label, name, hint, className, labelHidden, children }: Common & { children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = useId();
  const error = useFieldError(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`min-w-0 space-y-1 ${className ?? ''}`}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : 'block text-xs font-medium text-stone-600'}>
        {label}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && (
        <p id={hintId} className="text-xs text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const invalidRing = (invalid: boolean) => (invalid ? `${input} ring-red-400` : input);

export function TextField({
  value,
  onChange,
  type = 'text',
  required,
  placeholder,
  autoComplete,
  list,
  maxLength,
  autoFocus,
  ...common
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'url' | 'password' | 'date' | 'time';
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  maxLength?: number;
  autoFocus?: boolean;
}) {
  return (
    <Field {...common}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          value={value}
          required={required}
          placeholder={placeholder}
          autoComplete={autoComplete}
          list={list}
          maxLength={maxLength}
          autoFocus={autoFocus}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
          className={invalidRing(invalid)}
        />
      )}
    </Field>
  );
}

export function TextAreaField({ value, onChange, rows = 3, required, mono, ...common }: Common & { value: string; onChange: (value: string) => void; rows?: number; required?: boolean; mono?: boolean }) {
  return (
    <Field {...common}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={rows}
          value={value}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
          className={`${invalidRing(invalid)} ${mono ? 'font-mono text-xs' : ''}`}
        />
      )}
    </Field>
  );
}

/** A whole number; empty means null ("none"). */
export function NumberField({ value, onChange, min, max, required, placeholder, ...common }: Common & { value: number | null; onChange: (value: number | null) => void; min?: number; max?: number; required?: boolean; placeholder?: string }) {
  return (
    <Field {...common}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          step={1}
          min={min}
          max={max}
          required={required}
          placeholder={placeholder}
          value={value ?? ''}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : Math.trunc(Number(e.target.value)))}
          className={invalidRing(invalid)}
        />
      )}
    </Field>
  );
}

/**
 * A password or token that is stored encrypted and never sent back: left blank it keeps what is
 * stored, so the form only says whether one is set.
 */
export function SecretField({ value, onChange, stored, required, ...common }: Common & { value: string; onChange: (value: string) => void; stored: boolean; required?: boolean }) {
  return (
    <TextField
      {...common}
      type="password"
      autoComplete="new-password"
      value={value}
      onChange={onChange}
      required={required && !stored}
      placeholder={stored ? '•••••••• stored; leave blank to keep' : ''}
      hint={common.hint ?? (stored ? 'Stored encrypted. Type a new one to replace it.' : 'Stored encrypted; never shown again.')}
    />
  );
}

/**
 * A list typed as comma-separated words (tags) or one item a line (dropdown options). The text is
 * kept as typed until it means another list, so a trailing comma or new line survives typing.
 */
export function ListField({ value, onChange, placeholder, lines, ...common }: Common & { value: string[]; onChange: (value: string[]) => void; placeholder?: string; lines?: number }) {
  const separator = lines ? '\n' : ', ';
  const parse = (text: string) => text.split(lines ? '\n' : ',').map((t) => t.trim()).filter(Boolean);
  const [text, setText] = useState(value.join(separator));
  useEffect(() => {
    setText((current) => (sameList(parse(current), value) ? current : value.join(separator)));
  }, [value]);
  const change = (next: string) => {
    setText(next);
    onChange(parse(next));
  };
  return lines ? <TextAreaField {...common} rows={lines} value={text} onChange={change} /> : <TextField {...common} placeholder={placeholder} value={text} onChange={change} />;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function SelectField({ value, onChange, options, ...common }: Common & { value: string; onChange: (value: string) => void; options: Option[] }) {
  return <Field {...common}>{() => <Select label={common.label} value={value} options={options} onChange={onChange} />}</Field>;
}

export function CheckboxField({ label, checked, onChange, hint, className }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string; className?: string }) {
  const id = useId();
  return (
    <div className={`flex items-start gap-2 ${className ?? ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-0.5 size-4 accent-brand-700" />
      <div className="text-sm">
        <label htmlFor={id} className="text-stone-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-stone-500">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** Pick any of a fixed set (priorities, channels, permissions, events). */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  name,
  hint,
  columns = 3,
}: {
  legend: string;
  options: readonly { value: T; label: string; hint?: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  name?: string;
  hint?: string;
  columns?: 2 | 3 | 4;
}) {
  const error = useFieldError(name);
  const cols = { 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-3', 4: 'sm:grid-cols-4' }[columns];
  return (
    <fieldset className="min-w-0 space-y-1.5">
      <legend className="text-xs font-medium text-stone-600">{legend}</legend>
      {hint && <p className="text-xs text-stone-500">{hint}</p>}
      <div className={`grid grid-cols-1 gap-x-4 gap-y-1.5 ${cols}`}>
        {options.map((o) => (
          <CheckboxField
            key={o.value}
            label={o.label}
            hint={o.hint}
            checked={value.includes(o.value)}
            onChange={(on) => onChange(on ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
        ))}
      </div>
      {error && <p className="text-xs text-red-700">{error}</p>}
    </fieldset>
  );
}

export function ColorField({ value, onChange, ...common }: Common & { value: string; onChange: (value: string) => void }) {
  return (
    <Field {...common}>
      {({ id, describedBy, invalid }) => (
        <div className="flex items-center gap-2">
          <input type="color" aria-label={`${common.label} picker`} value={/^#[0-9a-fA-F]{6}$/.test(value) ? value : '#000000'} onChange={(e) => onChange(e.target.value)} className="h-8 w-10 shrink-0 cursor-pointer rounded border border-stone-300 bg-white p-0.5" />
          <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} pattern="#[0-9a-fA-F]{6}" className={`${invalidRing(invalid)} font-mono`} />
        </div>
      )}
    </Field>
  );
}

/** A value shown in a form but fixed once created (a key, a type). */
export function ReadOnlyField({ label, value, hint, mono }: { label: string; value: string; hint?: string; mono?: boolean }) {
  return (
    <div className="min-w-0 space-y-1">
      <span className="block text-xs font-medium text-stone-600">{label}</span>
      <p className={`py-1.5 text-sm text-stone-800 ${mono ? 'font-mono' : ''}`}>{value}</p>
      {hint && <p className="text-xs text-stone-500">{hint}</p>}
    </div>
  );
}
