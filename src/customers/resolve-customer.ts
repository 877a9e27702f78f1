import { recordAudit } from '../audit/index.ts';
import { type Actor, systemActor } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import { invalid } from '../platform/errors.ts';
import { emailDomain } from './customer-fields.ts';
import { fillEmptyName, type IdentityValue, insertContactedCustomer, insertIdentities, lockIdentities, selectCustomerByIdentities } from './customers.queries.ts';
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
  const identities: IdentityValue[] = [];
  if (ref.email) identities.push({ kind: 'email', value: normalizeIdentity('email', ref.email, `${field}.email`) });
  if (ref.phone) identities.push({ kind: 'phone', value: normalizeIdentity('phone', ref.phone, `${field}.phone`) });
  if (ref.identity) identities.push({ kind: ref.identity.kind, value: normalizeIdentity(ref.identity.kind, ref.identity.value, `${field}.identity`) });
  if (identities.length === 0) throw invalid(field, `${field} needs an email, a phone number or another identity`);

  const name = ref.name?.trim() ?? '';
  // The common case, a repeat contact by known identities that changes nothing, needs no lock.
  const known = await selectCustomerByIdentities(tx, identities);
  if (known?.allKnown && (known.named || !name)) return known.id;
  await lockIdentities(tx, identities);
  const found = await selectCustomerByIdentities(tx, identities);
  if (found === null) {
    const email = identities.find((i) => i.kind === 'email')?.value;
    const displayName = name || ref.email?.trim().split('@')[0] || '';
    const created = await insertContactedCustomer(tx, displayName, email ? emailDomain(email) : null, identities);
    const after = { name: displayName, organizationId: created.organizationId, identities };
    await recordAudit(tx, actor, { action: 'customer.created', entityType: 'customer', entityId: created.id, after });
    await emitEvent(tx, 'customer.created', { customerId: created.id, customer: after });
    return created.id;
  }
  const customerId = found.id;
  const named = name && !found.named ? await fillEmptyName(tx, customerId, name) : false;
  const added = found.allKnown ? [] : (await insertIdentities(tx, customerId, identities)).map(({ kind, value }) => ({ kind, value }));
  if (named || added.length > 0) {
    const after = { ...(named && { name }), ...(added.length > 0 && { addedIdentities: added }) };
    await recordAudit(tx, actor, { action: 'customer.updated', entityType: 'customer', entityId: customerId, before: named ? { name: '' } : {}, after });
    await emitEvent(tx, 'customer.updated', { customerId, changes: after });
  }
  return customerId;
}
