import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, Form, OneTimeSecret, TextField, useAction, useSave } from '../../components/forms/index.ts';
import { relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { ApiToken } from '../../lib/types.ts';
import { cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'tokens'];

export default function TokensSettings() {
  const tokens = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: ApiToken[] }>('/tokens') });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const create = useSave<{ name: string }, { token: string }>('/tokens', KEY, null, (r) => {
    setShown(r.token);
    setName('');
  });
  const revoke = useAction((id: number) => api.delete(`/tokens/${id}`), KEY);
  return (
    <>
      <SettingsHeader title="API tokens" description="Personal tokens for the REST API (Authorization: Bearer …). A token acts as you, with your permissions; it is shown once, when created." />
      <Form layout="inline" label="Create a token" onSubmit={() => create.mutate({ name })} pending={create.isPending} error={create.error} submitLabel="Create token" fields={['name']}>
        <TextField className="w-80" label="Token name" name="name" required value={name} onChange={setName} placeholder="What is it for?" />
      </Form>
      {shown && <OneTimeSecret label="API token" value={shown} onDismiss={() => setShown(null)} />}
      <ErrorNote message={errorText(revoke.error ?? tokens.error)} />
      <Table label="API tokens" head={['Name', 'Starts with', 'Created', 'Last used', '']} empty="No API tokens." loading={tokens.isPending}>
        {(tokens.data?.data ?? []).map((t) => (
          <tr key={t.id} className={t.revokedAt ? 'text-stone-400' : ''}>
            <td className={`${cell} font-medium`}>{t.name}</td>
            <td className={`${cell} font-mono text-xs`}>{t.prefix}…</td>
            <td className={cell}>{relativeTime(t.createdAt)}</td>
            <td className={cell}>{t.revokedAt ? 'Revoked' : t.lastUsedAt ? relativeTime(t.lastUsedAt) : 'Never'}</td>
            <td className={cell}>{!t.revokedAt && <RowActions name={t.name} remove={{ what: 'token', consequence: 'Anything using it stops working at once.', onConfirm: () => revoke.mutate(t.id) }} />}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
