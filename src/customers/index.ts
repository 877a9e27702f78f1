export { createCustomer, type CreateCustomerInput } from './create-customer.ts';
export type { Customer, CustomerIdentity } from './customers.queries.ts';
export { customerRoutes } from './customers.routes.ts';
export { IDENTITY_KINDS, type IdentityKind, normalizeIdentity } from './identities.ts';
export { mergeCustomers } from './merge-customers.ts';
export { organizationRoutes } from './organizations.routes.ts';
export { getCustomer, listCustomers, type ListCustomersInput } from './read-customers.ts';
export { type CustomerReference, resolveCustomer } from './resolve-customer.ts';
export { type CustomerPatch, updateCustomer } from './update-customer.ts';
