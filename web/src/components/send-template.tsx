import { FileText } from 'lucide-react';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import type { MessagingReplyRoute } from '../lib/types.ts';
import { Form, SelectField, TextField, useAction } from './forms/index.ts';

/** The template's text as the customer will read it; the server fills it the same way when it records the reply. */
const filled = (body: string, values: string[]) => body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => values[Number(n) - 1] || whole);

/**
 * Once WhatsApp's 24-hour window has closed only an approved template reaches the customer: the
 * agent picks one of the channel's, fills in its values and sees the message before it goes.
 */
export function SendTemplate({ ticketId, route }: { ticketId: number; route: MessagingReplyRoute }) {
  const [templateId, setTemplateId] = useState(String(route.templates[0]?.id ?? ''));
  const [values, setValues] = useState<string[]>([]);
  const template = route.templates.find((t) => String(t.id) === templateId);
  const send = useAction(
    () => api.post(`/messaging/tickets/${ticketId}/replies`, { template: { name: template?.name, language: template?.language, variables: values.slice(0, template?.variables ?? 0) } }),
    ['ticket', ticketId],
    () => setValues([]),
  );
  if (!template) {
    return <p className="border-b border-stone-200/70 px-3 py-2 text-xs text-stone-500">No approved WhatsApp templates yet: an admin registers them under Settings → Messaging.</p>;
  }
  return (
    <div className="border-b border-stone-200/70 px-3 py-3">
      <Form label="Send an approved template" layout="inline" submitLabel="Send template" onSubmit={() => send.mutate()} pending={send.isPending} error={send.error} fields={['template']}>
        <SelectField
          className="w-56"
          label="Approved template"
          value={templateId}
          onChange={(id) => {
            setTemplateId(id);
            setValues([]);
          }}
          options={route.templates.map((t) => ({ value: String(t.id), label: `${t.name} (${t.language})` }))}
        />
        {Array.from({ length: template.variables }, (_, i) => (
          <TextField
            key={`${template.id}-${i}`}
            className="w-40"
            label={`Value {{${i + 1}}}`}
            value={values[i] ?? ''}
            onChange={(value) => setValues((old) => Object.assign([...old], { [i]: value }))}
            maxLength={1000}
          />
        ))}
        <p className="w-full text-sm whitespace-pre-wrap text-stone-700" aria-label="Template preview">
          <FileText className="mr-1.5 inline size-3.5 align-[-2px] text-stone-400" aria-hidden />
          {filled(template.body, values)}
        </p>
      </Form>
    </div>
  );
}
