import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import { useState } from 'react';
import { ColorField, errorText, FieldRow, Form, ListField, SelectField, TextField, useAction } from '../../components/forms/index.ts';
import { relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { HelpCenterSettings } from '../../lib/types.ts';
import { ErrorNote, SettingsHeader } from './settings-ui.tsx';

const KEY = ['settings', 'help-center'];

function SettingsForm({ settings }: { settings: HelpCenterSettings }) {
  const [d, setD] = useState({ name: settings.name, logoText: settings.logoText, brandColor: settings.brandColor, defaultLocale: settings.defaultLocale, locales: settings.locales });
  const [saved, setSaved] = useState(false);
  const save = useAction((body: typeof d) => api.patch<HelpCenterSettings>('/knowledge/settings', body), KEY, () => setSaved(true));
  const submit = () => {
    setSaved(false);
    save.mutate(d);
  };
  return (
    <div className="rounded-lg bg-white p-5 ring-1 ring-stone-200">
      <Form onSubmit={submit} pending={save.isPending} error={save.error} submitLabel="Save" fields={['name', 'logoText', 'brandColor', 'defaultLocale', 'locales']}>
        <FieldRow>
          <TextField label="Help center name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
          <TextField label="Logo text" name="logoText" value={d.logoText} onChange={(logoText) => setD({ ...d, logoText })} hint="Shown in the header; the name when empty." />
        </FieldRow>
        <FieldRow>
          <ColorField label="Brand colour" name="brandColor" value={d.brandColor} onChange={(brandColor) => setD({ ...d, brandColor })} />
          <SelectField label="Default language" name="defaultLocale" value={d.defaultLocale} onChange={(defaultLocale) => setD({ ...d, defaultLocale })} options={d.locales.map((l) => ({ value: l, label: l }))} />
        </FieldRow>
        <ListField label="Languages" name="locales" value={d.locales} onChange={(locales) => setD({ ...d, locales })} placeholder="en, de, pt-BR" hint="Language codes, comma separated. Articles can be written in each." />
        {saved && !save.isPending && (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        )}
      </Form>
      <p className="mt-3 text-xs text-stone-400">Last changed {relativeTime(settings.updatedAt)}</p>
    </div>
  );
}

export default function HelpCenterSettingsPage() {
  const settings = useQuery({ queryKey: KEY, queryFn: () => api.get<HelpCenterSettings>('/knowledge/settings') });
  return (
    <>
      <SettingsHeader
        title="Help center"
        description="How the public help center and customer portal look, and the languages articles are written in."
        action={
          <a href="/help" target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-brand-700 underline">
            Open help center <ExternalLink className="size-3.5" aria-hidden />
          </a>
        }
      />
      <ErrorNote message={errorText(settings.error)} />
      {settings.data && <SettingsForm settings={settings.data} />}
    </>
  );
}
