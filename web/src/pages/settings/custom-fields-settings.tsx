import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, errorText, FieldRow, Form, FormDialog, ListField, NumberField, ReadOnlyField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import { CUSTOM_FIELD_TYPES, type CustomField } from '../../lib/types.ts';
import { AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'custom-fields'];
const TYPE_LABEL: Record<CustomField['type'], string> = { text: 'Text', number: 'Number', date: 'Date', dropdown: 'Dropdown', checkbox: 'Checkbox' };

function CustomFieldForm({ field, nextPosition, onDone }: { field: CustomField | null; nextPosition: number; onDone: () => void }) {
  const [d, setD] = useState({ key: field?.key ?? '', label: field?.label ?? '', type: field?.type ?? 'text', options: field?.options ?? [], required: field?.required ?? false, active: field?.active ?? true, position: field?.position ?? nextPosition });
  const save = useSave('/custom-fields', KEY, field?.id, onDone);
  const body = { label: d.label, options: d.type === 'dropdown' ? d.options : [], required: d.required, active: d.active, position: d.position, ...(field ? {} : { key: d.key, type: d.type }) };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={field ? 'Save field' : 'Add field'} onCancel={onDone} fields={['key', 'label', 'type', 'options', 'position']}>
      <FieldRow>
        <TextField label="Label" name="label" required value={d.label} onChange={(label) => setD({ ...d, label, key: field || d.key !== keyOf(d.label) ? d.key : keyOf(label) })} />
        {field ? (
          <ReadOnlyField label="Key" value={d.key} mono hint="Fixed once created." />
        ) : (
          <TextField label="Key" name="key" required value={d.key} onChange={(key) => setD({ ...d, key })} hint="Used in the API; lower-case letters, digits and _." />
        )}
      </FieldRow>
      <FieldRow>
        {field ? (
          <ReadOnlyField label="Type" value={TYPE_LABEL[d.type]} hint="Fixed once created." />
        ) : (
          <SelectField label="Type" name="type" value={d.type} onChange={(type) => setD({ ...d, type: type as CustomField['type'] })} options={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABEL[t] }))} />
        )}
        <NumberField label="Position" name="position" min={0} value={d.position} onChange={(position) => setD({ ...d, position: position ?? 0 })} hint="Fields show in this order." />
      </FieldRow>
      {d.type === 'dropdown' && <ListField label="Choices, one a line" name="options" lines={5} value={d.options} onChange={(options) => setD({ ...d, options })} />}
      <CheckboxField label="Required" hint="A ticket cannot be solved without it." checked={d.required} onChange={(required) => setD({ ...d, required })} />
      <CheckboxField label="Active" hint="Inactive fields are hidden from agents; stored values stay." checked={d.active} onChange={(active) => setD({ ...d, active })} />
    </Form>
  );
}

/** "Order number" → "order_number": a key follows the label until typed by hand. */
const keyOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 63);

export default function CustomFieldsSettings() {
  const fields = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: CustomField[] }>('/custom-fields', { includeInactive: true }) });
  const editor = useEditor<CustomField>();
  const remove = useAction((id: number) => api.delete(`/custom-fields/${id}`), KEY);
  const list = fields.data?.data ?? [];
  return (
    <>
      <SettingsHeader title="Custom fields" description="Extra ticket properties agents fill in, like an order number or product. Values are validated against the field’s type." action={<AddButton onClick={editor.create}>Add field</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? fields.error)} />
      <Table label="Custom fields" head={['Field', 'Type', 'Choices', 'Flags', '']} empty="No custom fields yet." loading={fields.isPending}>
        {list.map((f) => (
          <tr key={f.id} className={f.active ? '' : 'text-stone-400'}>
            <td className={cell}>
              <span className="font-medium">{f.label}</span>
              <span className="block font-mono text-xs text-stone-400">{f.key}</span>
            </td>
            <td className={`${cell} text-stone-600`}>{TYPE_LABEL[f.type]}</td>
            <td className={`${cell} max-w-64 truncate text-stone-600`}>{f.options.join(', ')}</td>
            <td className={`${cell} space-x-1`}>
              {f.required && <Pill tone="amber">Required</Pill>}
              {!f.active && <Pill tone="grey">Inactive</Pill>}
            </td>
            <td className={cell}>
              <RowActions name={f.label} onEdit={() => editor.edit(f)} remove={{ what: 'field', consequence: 'Values stored on tickets under this key are no longer shown or validated.', onConfirm: () => remove.mutate(f.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.label}` : 'Add a custom field'}>
        <CustomFieldForm field={editor.item} nextPosition={list.length ? Math.max(...list.map((f) => f.position)) + 1 : 0} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
