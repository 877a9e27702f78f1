import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, FieldGroup, Form, TextAreaField, TextField, useAction } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import type { MessagingTemplate } from '../../lib/types.ts';
import { ErrorNote, RowActions } from './settings-ui.tsx';

const EMPTY = { name: '', language: 'en', body: '' };

/**
 * A WhatsApp channel's approved templates: what agents may send once a customer's 24-hour window has
 * closed. Each is registered as the provider approved it, its values as numbered placeholders.
 */
export function ChannelTemplates({ channelId }: { channelId: number }) {
  const key = ['settings', 'messaging', channelId, 'templates'];
  const templates = useQuery({ queryKey: key, queryFn: () => api.get<{ data: MessagingTemplate[] }>(`/messaging/channels/${channelId}/templates`) });
  const [d, setD] = useState(EMPTY);
  const add = useAction(() => api.post(`/messaging/channels/${channelId}/templates`, d), key, () => setD(EMPTY));
  const remove = useAction((id: number) => api.delete(`/messaging/channels/${channelId}/templates/${id}`), key);
  return (
    <FieldGroup title="Approved templates" description="Once a customer has not written for 24 hours, WhatsApp delivers only templates it has approved. Register them here as named in WhatsApp Manager (Twilio: the Content SID), with {{1}}, {{2}}… where the agent fills in values.">
      <ErrorNote message={errorText(remove.error ?? templates.error)} />
      <ul aria-label="Approved templates" className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200">
        {(templates.data?.data ?? []).map((t) => (
          <li key={t.id} className="flex items-start gap-3 px-3 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <span className="font-medium">{t.name}</span> <span className="text-xs text-stone-500">{t.language}</span>
              <p className="text-xs whitespace-pre-wrap text-stone-600">{t.body}</p>
            </div>
            <RowActions name={t.name} remove={{ what: 'template', consequence: 'Agents will no longer be offered it.', onConfirm: () => remove.mutate(t.id) }} />
          </li>
        ))}
        {templates.data?.data.length === 0 && <li className="px-3 py-2 text-sm text-stone-500">No templates yet.</li>}
      </ul>
      <Form label="Add a template" onSubmit={() => add.mutate()} pending={add.isPending} error={add.error} submitLabel="Add template" fields={['name', 'language', 'body']}>
        <div className="flex gap-3">
          <TextField className="flex-1" label="Template name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
          <TextField className="w-28" label="Language" name="language" required value={d.language} onChange={(language) => setD({ ...d, language })} />
        </div>
        <TextAreaField label="Approved text" name="body" required rows={3} value={d.body} onChange={(body) => setD({ ...d, body })} hint="For example: Hello {{1}}, your order {{2}} has shipped." />
      </Form>
    </FieldGroup>
  );
}
