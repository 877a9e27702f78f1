import { type AuditChange, recordAudits } from '../audit/index.ts';
import { type Actor, systemActor } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import { invalid } from '../platform/errors.ts';
import { emailDomain } from './customer-fields.ts';
import { fillEmptyName, type IdentityValue, insertContactedCustomers, insertIdentities, lockIdentities, lockKeys, selectCustomersByIdentities } from './customers.queries.ts';
import { type IdentityKind, normalizeIdentity } from './identities.ts';

export interface CustomerReference {
  email?: string;
  phone?: string;
  name?: string;
  /** Any other identity: a chat visitor id, a WhatsApp number, a Messenger page-scoped id. */
  identity?: { kind: IdentityKind; value: string };
}

/**
 * Finds the customer behind an address or number, creating them on first contact.
 * Runs inside the caller's transaction; a transaction-scoped advisory lock on the
 * identity makes two simultaneous first contacts from one address yield one customer.
 * Further identities given (an email and a phone) are attached to the same person.
 * A merged customer's identities live on the customer they were merged into, so an old
 * address finds the surviving customer. A new customer whose email domain belongs to an
 * organization joins it.
 */
export async function resolveCustomer(tx: Queryable, ref: CustomerReference, field = 'requester', actor: Actor = systemActor): Promise<number> {
  return (await resolveAndRecordCustomers(tx, [ref], field, actor))[0] as number;
}

/** `resolveCustomer` for several references, answering their ids in order; what it created or completed is recorded, a statement for all. */
export async function resolveAndRecordCustomers(tx: Queryable, refs: CustomerReference[], field = 'requester', actor: Actor = systemActor): Promise<number[]> {
  const { ids, changes } = await resolveCustomers(tx, refs, field);
  await Promise.all([recordAudits(tx, actor, changes.audits), emitEvents(tx, changes.events)]);
  return ids;
}

/** The audit entries and events of the customers a resolution created or completed, in order. */
export interface CustomerChanges {
  audits: AuditChange[];
  events: { type: string; payload: Record<string, unknown> }[];
}

/**
 * `resolveCustomer` for several references at once (a batch of tickets), answering their ids in
 * order, and the changes to record: the caller writes them with its own, a statement for all.
 */
export async function resolveCustomers(tx: Queryable, refs: CustomerReference[], field = 'requester'): Promise<{ ids: number[]; changes: CustomerChanges }> {
  const changes: CustomerChanges = { audits: [], events: [] };
  const wanted = refs.map((ref) => ({ ref, identities: identitiesOf(ref, field), name: ref.name?.trim() ?? '' }));
  // The common case, a repeat contact by known identities that changes nothing, needs no lock:
  // one statement looks them all up.
  const known = await selectCustomersByIdentities(tx, wanted.map((w) => w.identities));
  const ids = known.map((k, i) => (k?.allKnown && (k.named || !wanted[i]?.name) ? k.id : null));
  const others = wanted.flatMap((w, i) => (ids[i] === null ? [{ ...w, i }] : []));
  if (others.length === 0) return { ids: ids as number[], changes };

  // The others under their identities' locks, all taken in one fixed order so that two batches
  // cannot deadlock. The lookup is sent with the locks: Postgres runs it once it holds them.
  const [, found] = await Promise.all([lockIdentities(tx, others.flatMap((w) => w.identities)), selectCustomersByIdentities(tx, others.map((w) => w.identities))]);
  const fresh: typeof others = [];
  const later: typeof others = [];
  const freshKeys = new Set<string>();
  for (const [j, w] of others.entries()) {
    const customer = found[j];
    const keys = lockKeys(w.identities);
    if (customer) ids[w.i] = await updateContacted(tx, customer, w, changes);
    // Two first contacts of the batch sharing an identity are one person: the second joins the first.
    else if (keys.some((k) => freshKeys.has(k))) later.push(w);
    else {
      keys.forEach((k) => freshKeys.add(k));
      fresh.push(w);
    }
  }
  const created = await createContacted(tx, fresh, changes);
  fresh.forEach((w, j) => (ids[w.i] = created[j] as number));
  for (const w of later) {
    const [customer] = await selectCustomersByIdentities(tx, [w.identities]);
    ids[w.i] = await updateContacted(tx, customer as NonNullable<typeof customer>, w, changes);
  }
  return { ids: ids as number[], changes };
}

interface Wanted {
  ref: CustomerReference;
  identities: IdentityValue[];
  name: string;
}

function identitiesOf(ref: CustomerReference, field: string): IdentityValue[] {
  const identities: IdentityValue[] = [];
  if (ref.email) identities.push({ kind: 'email', value: normalizeIdentity('email', ref.email, `${field}.email`) });
  if (ref.phone) identities.push({ kind: 'phone', value: normalizeIdentity('phone', ref.phone, `${field}.phone`) });
  if (ref.identity) identities.push({ kind: ref.identity.kind, value: normalizeIdentity(ref.identity.kind, ref.identity.value, `${field}.identity`) });
  if (identities.length === 0) throw invalid(field, `${field} needs an email, a phone number or another identity`);
  return identities;
}

/** First contacts: new customers, a statement for all of them. */
async function createContacted(tx: Queryable, contacts: Wanted[], changes: CustomerChanges): Promise<number[]> {
  if (contacts.length === 0) return [];
  const customers = contacts.map(({ ref, identities, name }) => {
    const email = identities.find((i) => i.kind === 'email')?.value;
    return { name: name || ref.email?.trim().split('@')[0] || '', emailDomain: email ? emailDomain(email) : null, identities };
  });
  const created = await insertContactedCustomers(tx, customers);
  for (const [j, { id, organizationId }] of created.entries()) {
    const after = { name: customers[j]?.name, organizationId, identities: customers[j]?.identities };
    changes.audits.push({ action: 'customer.created', entityType: 'customer', entityId: id, after });
    changes.events.push({ type: 'customer.created', payload: { customerId: id, customer: after } });
  }
  return created.map(({ id }) => id);
}

/** A known customer getting in touch with a name they lacked or an identity not seen before. */
async function updateContacted(tx: Queryable, found: { id: number; named: boolean; allKnown: boolean }, { identities, name }: Wanted, changes: CustomerChanges): Promise<number> {
  const customerId = found.id;
  const named = name && !found.named ? await fillEmptyName(tx, customerId, name) : false;
  const added = found.allKnown ? [] : (await insertIdentities(tx, customerId, identities)).map(({ kind, value }) => ({ kind, value }));
  if (named || added.length > 0) {
    const after = { ...(named && { name }), ...(added.length > 0 && { addedIdentities: added }) };
    changes.audits.push({ action: 'customer.updated', entityType: 'customer', entityId: customerId, before: named ? { name: '' } : {}, after });
    changes.events.push({ type: 'customer.updated', payload: { customerId, changes: after } });
  }
  return customerId;
}
