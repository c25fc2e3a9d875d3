/**
 * A person's session: this httpOnly cookie holds a session secret (sessions.ts),
 * resolved on every request to the session's token and its role, so expiry,
 * sign-out and a revoked token each end the session at once, on the server.
 */
export const SESSION_COOKIE = "ledgerline_session";
