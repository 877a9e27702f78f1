export { type Actor, can, PERMISSIONS, type Permission, requirePermission, systemActor } from './actor.ts';
export { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
export { login, logout } from './login.ts';
export { actorFromApiToken, actorFromEmail, actorFromSession } from './resolve-actor.ts';
export { hashPassword, hashToken, newToken, verifyPassword } from './secrets.ts';
export { authRoutes } from './auth.routes.ts';
