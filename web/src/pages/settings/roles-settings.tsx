import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxGroup, errorText, FieldRow, Form, FormDialog, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import type { Me, Role } from '../../lib/types.ts';
import { useRoles } from './settings-data.ts';
import { AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

interface PermissionInfo {
  key: string;
  area: string;
  label: string;
}

/** The server's permissions, grouped by area in the order it lists them. */
function usePermissionGroups(): { legend: string; options: { value: string; label: string }[] }[] {
  const permissions = useQuery({ queryKey: ['settings', 'permissions'], queryFn: () => api.get<{ data: PermissionInfo[] }>('/roles/permissions') }).data?.data ?? [];
  const areas = [...new Set(permissions.map((p) => p.area))];
  return areas.map((legend) => ({ legend, options: permissions.filter((p) => p.area === legend).map((p) => ({ value: p.key, label: p.label })) }));
}

function RoleForm({ role, me, onDone }: { role: Role | null; me: Me; onDone: () => void }) {
  const [draft, setDraft] = useState({ key: role?.key ?? '', name: role?.name ?? '', permissions: role?.permissions ?? ['tickets.read'] });
  const save = useSave('/roles', ['settings', 'roles'], role?.id, onDone);
  const groups = usePermissionGroups();
  // Nobody grants what they do not hold: the server refuses it, so the form marks what you lack.
  const grantable = (options: { value: string; label: string }[]) => options.map((o) => (me.permissions.includes(o.value) ? o : { ...o, label: `${o.label} (you lack it)` }));
  return (
    <Form
      onSubmit={() => save.mutate(role ? { name: draft.name, permissions: draft.permissions } : draft)}
      pending={save.isPending}
      error={save.error}
      submitLabel={role ? 'Save role' : 'Create role'}
      onCancel={onDone}
      fields={['key', 'name', 'permissions']}
    >
      <FieldRow>
        <TextField label="Name" name="name" required value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        {!role && <TextField label="Key" name="key" required value={draft.key} onChange={(key) => setDraft({ ...draft, key })} hint="Lower-case letters, digits and _; fixed once created." />}
      </FieldRow>
      {groups.map((group) => (
        <CheckboxGroup
          key={group.legend}
          name="permissions"
          legend={group.legend}
          columns={2}
          options={grantable(group.options)}
          value={draft.permissions}
          onChange={(next) => setDraft({ ...draft, permissions: next })}
        />
      ))}
    </Form>
  );
}

export default function RolesSettings({ me }: { me: Me }) {
  const roles = useRoles();
  const editor = useEditor<Role>();
  const remove = useAction((id: number) => api.delete(`/roles/${id}`), ['settings', 'roles']);
  return (
    <>
      <SettingsHeader
        title="Roles"
        description="What each kind of agent may do. The built-in roles are fixed; custom roles take effect at once for everyone holding them."
        action={<AddButton onClick={editor.create}>New role</AddButton>}
      />
      <ErrorNote message={errorText(remove.error)} />
      <Table label="Roles" head={['Role', 'Permissions', 'People', '']} empty="No roles." loading={roles.isPending}>
        {(roles.data?.data ?? []).map((r) => (
          <tr key={r.id}>
            <td className={cell}>
              <span className="font-medium">{r.name}</span> {r.builtIn && <Pill tone="grey">Built-in</Pill>}
              <span className="block font-mono text-xs text-stone-400">{r.key}</span>
            </td>
            <td className={`${cell} max-w-md text-xs text-stone-600`}>{r.permissions.join(', ')}</td>
            <td className={`${cell} tabular-nums text-stone-600`}>{r.userCount}</td>
            <td className={cell}>
              {!r.builtIn && <RowActions name={r.name} onEdit={() => editor.edit(r)} remove={{ what: 'role', consequence: 'Only a role nobody holds can be deleted.', onConfirm: () => remove.mutate(r.id) }} />}
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'New role'} description="You can grant only permissions you hold yourself.">
        <RoleForm role={editor.item} me={me} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
