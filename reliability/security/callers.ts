/**
 * Who calls, and what the app must make of them. The rules are the app's
 * (lib/http/request.ts, lib/auth/session.ts): an API request is a bearer
 * token's, or on a GET the session cookie's; pages and server actions go by
 * the session cookie only; a session is the secret sign-in made for a person's
 * live token (never a service's; over once expired, signed out or revoked). What a principal may then do comes from
 * the permission table itself (can), never from a per-route answer.
 */
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { Tokens } from "../harness/suite";

export interface Caller {
  label: string;
  via: "anonymous" | "bearer" | "cookie";
  token?: string;
  role?: Role;
  /** Known and not revoked. */
  live: boolean;
}

export function callers(tokens: Tokens): Caller[] {
  const roles = ["support", "finance", "admin", "service"] as const;
  const people = ["support", "finance", "admin"] as const;
  return [
    { label: "signed-out", via: "anonymous", live: false },
    ...roles.map((role): Caller => ({ label: `bearer:${role}`, via: "bearer", token: tokens[role], role, live: true })),
    { label: "bearer:revoked", via: "bearer", token: tokens.revoked, role: "admin", live: false },
    ...people.map((role): Caller => ({
      label: `session:${role}`,
      via: "cookie",
      token: tokens.sessions[role],
      role,
      live: true,
    })),
    // Sign-in never opens a service's session: its token in the cookie is no session.
    { label: "session:service", via: "cookie", token: tokens.service, role: "service", live: false },
    { label: "session:revoked", via: "cookie", token: tokens.sessions.revoked, role: "admin", live: false },
    { label: "session:expired", via: "cookie", token: tokens.sessions.expired, role: "admin", live: false },
    { label: "session:signed-out", via: "cookie", token: tokens.sessions.ended, role: "admin", live: false },
    // A person's live token copied into the cookie: a session is only the secret sign-in made for it.
    { label: "session:token-as-cookie", via: "cookie", token: tokens.admin, role: "admin", live: false },
  ];
}

export function headersOf(caller: Caller): Record<string, string> {
  if (caller.via === "bearer") return { authorization: `Bearer ${caller.token}` };
  if (caller.via === "cookie") return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(caller.token!)}` };
  return {};
}

export type Surface = "api-read" | "api-write" | "page" | "action";

/** The role the app should act for, or null when it should treat the caller as signed out. */
export function principalRole(caller: Caller, surface: Surface): Role | null {
  if (!caller.live || !caller.role) return null;
  if (caller.via === "bearer") return surface === "api-read" || surface === "api-write" ? caller.role : null;
  // A session cookie is a person's: API writes never take it (no cross-site request acts for them).
  if (caller.via === "cookie" && caller.role !== "service" && surface !== "api-write") return caller.role;
  return null;
}

export type Expected = "allowed" | "unauthenticated" | "forbidden";

export function expected(role: Role | null, permissions: readonly Permission[]): Expected {
  if (!role) return "unauthenticated";
  return permissions.every((p) => can(role, p)) ? "allowed" : "forbidden";
}
