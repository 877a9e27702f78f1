import { type Actor, type Permission } from '../auth/index.ts';
import { getCustomer } from '../customers/index.ts';
import type { DbOrTx } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import type { Ticket } from '../tickets/index.ts';
import { selectManagedOrganization } from './portal.queries.ts';

/** The signed-in customer, as every portal action sees them. */
export interface PortalCustomer {
  customerId: number;
  name: string;
  email: string | null;
  /** Set when the customer manages their organization in the portal: they see all its tickets. */
  managedOrganization: { id: number; name: string } | null;
  csrfToken: string;
}

// Exactly what the portal does on a customer's behalf: read their tickets, open one, write as them.
const PORTAL_PERMISSIONS: Permission[] = ['tickets.read', 'tickets.update', 'customers.read'];

/**
 * The portal acts as a channel does (kind `system`, which lets a message be written as the
 * customer), but only with the few permissions it needs; who may see which ticket is decided here.
 */
export function portalCtx(db: DbOrTx, customer: { customerId: number; name: string }, ip?: string): Ctx {
  const actor: Actor = { kind: 'system', userId: null, name: `${customer.name || 'Customer'} (portal)`, role: 'customer', permissions: new Set(PORTAL_PERMISSIONS), ip };
  return { db, actor };
}

/** Loads the customer behind a session, following merges to the surviving customer. */
export async function loadPortalCustomer(db: DbOrTx, customerId: number, csrfToken: string): Promise<PortalCustomer | null> {
  const ctx = portalCtx(db, { customerId, name: '' });
  let customer = await getCustomer(ctx, customerId).catch(() => null);
  for (let hops = 0; customer?.mergedIntoId && hops < 5; hops++) customer = await getCustomer(ctx, customer.mergedIntoId).catch(() => null);
  if (!customer) return null;
  const org = customer.organization;
  const manages = org ? await selectManagedOrganization(db, customer.id, org.id) : false;
  const email = customer.identities.find((i) => i.kind === 'email')?.value ?? null;
  return { customerId: customer.id, name: customer.name, email, managedOrganization: manages && org ? org : null, csrfToken };
}

/**
 * A ticket the customer may see: their own, or (for an organization's manager) one requested by
 * a member of it. Anything else is "not found", so crafted ids reveal nothing, not even existence.
 */
export async function requireVisibleTicket(ctx: Ctx, customer: PortalCustomer, ticket: Ticket | null): Promise<Ticket> {
  if (!ticket || ticket.mergedIntoId) throw notFound('request');
  if (ticket.requester.id === customer.customerId) return ticket;
  if (customer.managedOrganization) {
    const requester = await getCustomer(ctx, ticket.requester.id);
    if (requester.organization?.id === customer.managedOrganization.id) return ticket;
  }
  throw notFound('request');
}
