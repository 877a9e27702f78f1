import { useId, useState } from 'react';
import { Select } from '../select.tsx';
import { input } from '../ui.tsx';
import { useFieldError } from './form.tsx';

const UNITS = [
  { value: '1', label: 'minutes' },
  { value: '60', label: 'hours' },
  { value: '1440', label: 'days' },
];

/** The largest unit the minutes divide into evenly: 120 reads as 2 hours. */
const unitFor = (minutes: number | null) => (minutes && minutes % 1440 === 0 ? '1440' : minutes && minutes % 60 === 0 ? '60' : '1');

/** A length of time typed in minutes, hours or days, held in minutes; empty means none. */
export function DurationField({ label, name, value, onChange, hint }: { label: string; name?: string; value: number | null; onChange: (minutes: number | null) => void; hint?: string }) {
  const id = useId();
  const error = useFieldError(name);
  const [unit, setUnit] = useState(() => unitFor(value));
  const factor = Number(unit);
  const shown = value === null ? '' : String(Math.round((value / factor) * 100) / 100);
  // "2" then "hours" means two hours: the number typed stays, the minutes follow the unit.
  const changeUnit = (next: string) => {
    setUnit(next);
    if (value !== null) onChange(Math.round((value / factor) * Number(next)));
  };
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-stone-600">
        {label}
      </label>
      <div className="flex gap-1.5">
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          value={shown}
          placeholder="None"
          aria-invalid={error ? true : undefined}
          aria-describedby={hint || error ? `${id}-note` : undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : Math.round(Number(e.target.value) * factor))}
          className={`${input} min-w-0 flex-1`}
        />
        <div className="w-28 shrink-0">
          <Select label={`${label} unit`} value={unit} options={UNITS} onChange={changeUnit} />
        </div>
      </div>
      {(hint || error) && (
        <p id={`${id}-note`} className={`text-xs ${error ? 'text-red-700' : 'text-stone-500'}`}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}
