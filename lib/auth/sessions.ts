import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/types";
import { hashToken, principalOf } from "./api-tokens";
import type { Principal } from "./permissions";

/** How long a sign-in lasts, by the server's record (the cookie itself lives longer: see below). */
export const SESSION_HOURS = 12;
/** Ended and expired sessions are kept this long (who was signed in when), then deleted at the next sign-in. */
const KEEP_ENDED_DAYS = 30;
/**
 * The browser keeps the cookie past the session's end (the server's record decides), so that the
 * sign-in page can tell a person their session ended rather than greet them as a stranger.
 */
export const SESSION_COOKIE_MAX_AGE = (SESSION_HOURS + 24 * KEEP_ENDED_DAYS) * 3600;

export interface OpenedSession {
  /** The cookie's value: only its hash is stored. */
  secret: string;
  expiresAt: Date;
}

/**
 * Opens a session for a person's live token: the cookie then carries a new
 * random secret, not the long-lived token, so a copied cookie dies with the
 * session. Null when the token is unknown, revoked or a service's.
 */
export async function openSession(
  db: Database,
  token: string,
  now = new Date(),
  hours = SESSION_HOURS,
): Promise<OpenedSession | null> {
  if (!token || token.length > 512) return null;
  const row = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || principalOf(row)?.type !== "user") return null;
  const secret = `ls_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.prisma.session.create({ data: { id: hashToken(secret), apiTokenId: row.id, createdAt: now, expiresAt } });
  await db.prisma.session.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_DAYS * 86_400_000) } },
  });
  return { secret, expiresAt };
}

/** The person a session cookie stands for: null once it expired or ended, or its token was revoked. */
export async function sessionPrincipal(db: Database, secret: string, now = new Date()): Promise<Principal | null> {
  if (!secret || secret.length > 512) return null;
  const session = await db.prisma.session.findUnique({ where: { id: hashToken(secret) }, include: { apiToken: true } });
  if (!session || session.endedAt || session.expiresAt <= now) return null;
  const principal = principalOf(session.apiToken);
  return principal?.type === "user" ? principal : null;
}

/** Signing out ends the session on the server too: the same cookie, replayed, is signed out. */
export async function endSession(db: Database, secret: string, now = new Date()): Promise<void> {
  if (!secret || secret.length > 512) return;
  await db.prisma.session.updateMany({ where: { id: hashToken(secret), endedAt: null }, data: { endedAt: now } });
}
