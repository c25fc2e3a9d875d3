import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { ADDRESS_HEADER } from "@/proxy";
import { getRuntime } from "@/lib/server/runtime";
import { can, type Permission, type Principal } from "./permissions";
import { SESSION_COOKIE } from "./session-cookie";
import { sessionPrincipal } from "./sessions";

export { SESSION_COOKIE };

/**
 * The signed-in person, or null (no cookie, or a session that is unknown,
 * expired or ended, or whose token was revoked). Looked up once per request:
 * the layout and the page share it.
 */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!secret) return null;
  return sessionPrincipal((await getRuntime()).db, secret);
});

/** A session cookie the server no longer honours: expired, signed out elsewhere, or its token revoked. */
export async function sessionEnded(): Promise<boolean> {
  return (await cookies()).has(SESSION_COOKIE) && !(await currentPrincipal());
}

/**
 * For pages: the signed-in person if their role grants `permission`. Without a
 * session it sends them to sign in (and back to `returnTo` afterwards); with
 * a role that lacks the permission it answers 403 (app/forbidden.tsx).
 */
export async function requireViewer(permission: Permission, returnTo: string): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!can(principal.role, permission)) forbidden();
  return principal;
}

/** This page request's own address (path and query), as proxy.ts passed it on; "/" when unknown. */
export async function requestAddress(): Promise<string> {
  return (await headers()).get(ADDRESS_HEADER) ?? "/";
}
