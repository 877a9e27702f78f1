import { useState } from 'react';
import { CheckboxField, errorText, FieldGroup, Form, FormDialog, ListEditor, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import type { BusinessCalendar, Holiday, WeeklyInterval } from '../../lib/types.ts';
import { useCalendars } from './settings-data.ts';
import { AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'business-hours'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WORK_WEEK: WeeklyInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function DayHours({ day, intervals, onChange }: { day: number; intervals: WeeklyInterval[]; onChange: (intervals: WeeklyInterval[]) => void }) {
  const name = DAY_NAMES[day - 1] ?? '';
  return (
    <div className="flex items-center gap-3 border-b border-stone-100 py-1.5 last:border-0">
      <span className="w-24 shrink-0 text-sm font-medium">{name}</span>
      <ListEditor
        inline
        items={intervals}
        onChange={onChange}
        blank={() => ({ day, start: '09:00', end: '17:00' })}
        addLabel={intervals.length ? 'More' : 'Open'}
        itemLabel={(it) => `${name} ${it.start}–${it.end}`}
        empty="Closed"
      >
        {(it, update) => (
          <>
            <TextField labelHidden className="w-32" type="time" label={`${name} opens`} value={it.start} onChange={(start) => update({ start })} />
            <span aria-hidden className="text-stone-400">
              –
            </span>
            <TextField labelHidden className="w-32" type="time" label={`${name} closes`} value={it.end} onChange={(end) => update({ end })} />
          </>
        )}
      </ListEditor>
    </div>
  );
}

function CalendarForm({ calendar, onDone }: { calendar: BusinessCalendar | null; onDone: () => void }) {
  const [d, setD] = useState({
    name: calendar?.name ?? '',
    timeZone: calendar?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    weeklyHours: calendar?.weeklyHours ?? WORK_WEEK,
    holidays: calendar?.holidays ?? [],
  });
  const save = useSave('/business-hours', KEY, calendar?.id, onDone);
  const setDay = (day: number, intervals: WeeklyInterval[]) => setD({ ...d, weeklyHours: [...d.weeklyHours.filter((w) => w.day !== day), ...intervals].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start)) });
  return (
    <Form onSubmit={() => save.mutate(d)} pending={save.isPending} error={save.error} submitLabel={calendar ? 'Save calendar' : 'Add calendar'} onCancel={onDone} fields={['name', 'timeZone', 'weeklyHours', 'holidays']}>
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} placeholder="Support hours" />
        <TextField label="Time zone" name="timeZone" required list="time-zones" value={d.timeZone} onChange={(timeZone) => setD({ ...d, timeZone })} hint="IANA name, e.g. Europe/Berlin" />
      </div>
      <FieldGroup title="Weekly hours" description="Local time in the calendar’s time zone. A day without hours is closed.">
        <div>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <DayHours key={day} day={day} intervals={d.weeklyHours.filter((w) => w.day === day)} onChange={(intervals) => setDay(day, intervals)} />
          ))}
        </div>
      </FieldGroup>
      <FieldGroup title="Holidays" description="Closed all day. A recurring holiday repeats every year on the same date.">
        <ListEditor<Holiday> items={d.holidays} onChange={(holidays) => setD({ ...d, holidays })} blank={() => ({ date: '', name: '', recurring: false })} addLabel="Add holiday" itemLabel={(h) => `holiday ${h.name || h.date}`}>
          {(h, update, i) => (
            <>
              <TextField className="w-40" type="date" label={`Holiday ${i + 1} date`} required value={h.date} onChange={(date) => update({ date })} />
              <TextField className="min-w-40 flex-1" label={`Holiday ${i + 1} name`} value={h.name} onChange={(name) => update({ name })} />
              <CheckboxField className="mb-2" label="Every year" checked={h.recurring} onChange={(recurring) => update({ recurring })} />
            </>
          )}
        </ListEditor>
      </FieldGroup>
    </Form>
  );
}

/** "Mon–Fri 09:00–17:00" for the list. */
function hoursText(weekly: WeeklyInterval[]): string {
  if (weekly.length === 0) return 'Closed every day';
  return weekly.map((w) => `${DAYS[w.day - 1]} ${w.start}–${w.end}`).join(', ');
}

export default function BusinessHoursSettings() {
  const calendars = useCalendars();
  const editor = useEditor<BusinessCalendar>();
  const remove = useAction((id: number) => api.delete(`/business-hours/${id}`), KEY);
  return (
    <>
      <SettingsHeader title="Business hours" description="When your team works. SLA targets, queue wait limits and the chat widget’s online hours count in these calendars." action={<AddButton onClick={editor.create}>Add calendar</AddButton>} />
      <datalist id="time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <ErrorNote message={errorText(remove.error ?? calendars.error)} />
      <Table label="Business-hours calendars" head={['Calendar', 'Time zone', 'Hours', 'Holidays', '']} empty="No calendars yet: SLA targets count around the clock." loading={calendars.isPending}>
        {(calendars.data?.data ?? []).map((c) => (
          <tr key={c.id}>
            <td className={`${cell} font-medium`}>{c.name}</td>
            <td className={`${cell} text-stone-600`}>{c.timeZone}</td>
            <td className={`${cell} max-w-sm text-xs text-stone-600`}>{hoursText(c.weeklyHours)}</td>
            <td className={`${cell} tabular-nums text-stone-600`}>{c.holidays.length}</td>
            <td className={cell}>
              <RowActions name={c.name} onEdit={() => editor.edit(c)} remove={{ what: 'calendar', consequence: 'A calendar an SLA policy or queue uses cannot be deleted.', onConfirm: () => remove.mutate(c.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add a business-hours calendar'}>
        <CalendarForm calendar={editor.item} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
