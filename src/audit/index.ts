export { type AuditChange, countRecentAudit, insertActorAudits as recordActorAudits, insertAudit as recordAudit, insertAudits as recordAudits } from './audit.queries.ts';
export { readAudit } from './read-audit.ts';
export { auditRoutes } from './audit.routes.ts';
