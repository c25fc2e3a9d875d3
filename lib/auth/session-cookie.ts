/**
 * A person's session is their API token in this httpOnly cookie: the server
 * resolves it on every request exactly as it resolves a bearer token, so a
 * revoked token ends the session at once and the roles are checked in one place.
 */
export const SESSION_COOKIE = "ledgerline_session";
