import { CheckboxGroup, FieldRow, ListField } from '../../components/forms/index.ts';
import { useOrganizationOptions } from '../../lib/agents.ts';
import type { Channel, Priority, TicketConditions } from '../../lib/types.ts';
import { CHANNEL_OPTIONS, PRIORITY_OPTIONS } from './settings-data.ts';

/** Drops empty lists: an empty list would match no ticket, while a missing one matches every ticket. */
export function compactConditions(c: TicketConditions): TicketConditions {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => Array.isArray(v) && v.length > 0));
}

/**
 * Which tickets an SLA policy, queue or skill rule applies to; every filled-in list must match.
 * `organizations` adds the customer's organization; `customer` the customer's language and tags (routing matches on those).
 */
export function ConditionsFields({ value, onChange, name, organizations, customer }: { value: TicketConditions; onChange: (value: TicketConditions) => void; name: string; organizations?: boolean; customer?: boolean }) {
  const orgs = useOrganizationOptions(!!organizations);
  return (
    <div className="space-y-3">
      <CheckboxGroup<Priority> legend="Priority" name={`${name}.priority`} columns={4} options={PRIORITY_OPTIONS} value={value.priority ?? []} onChange={(priority) => onChange({ ...value, priority })} />
      <CheckboxGroup<Channel> legend="Channel" name={`${name}.channel`} columns={4} options={CHANNEL_OPTIONS} value={value.channel ?? []} onChange={(channel) => onChange({ ...value, channel })} />
      <ListField label="Has any of these tags" name={`${name}.tags`} value={value.tags ?? []} onChange={(tags) => onChange({ ...value, tags })} placeholder="vip, enterprise" hint="Comma separated." />
      {organizations && (orgs.data?.data.length ?? 0) > 0 && (
        <CheckboxGroup
          legend="Organization"
          name={`${name}.organizationId`}
          options={(orgs.data?.data ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
          value={(value.organizationId ?? []).map(String)}
          onChange={(ids) => onChange({ ...value, organizationId: ids.map(Number) })}
        />
      )}
      {customer && (
        <FieldRow>
          <ListField label="Customer speaks" name={`${name}.language`} value={value.language ?? []} onChange={(language) => onChange({ ...value, language })} placeholder="de, fr-CA" hint="Language codes, comma separated; “de” also matches “de-AT”." />
          <ListField label="Customer has any of these tags" name={`${name}.customerTags`} value={value.customerTags ?? []} onChange={(customerTags) => onChange({ ...value, customerTags })} placeholder="vip, partner" hint="Comma separated." />
        </FieldRow>
      )}
    </div>
  );
}

/** "urgent, high · email · tags vip" for a list. */
export function conditionsText(c: TicketConditions): string {
  const parts = [
    c.priority?.join(', '),
    c.channel?.join(', '),
    c.tags?.length ? `tags ${c.tags.join(', ')}` : '',
    c.organizationId?.length ? `${c.organizationId.length} organization(s)` : '',
    c.language?.length ? `speaks ${c.language.join(', ')}` : '',
    c.customerTags?.length ? `customer tags ${c.customerTags.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Every ticket';
}
