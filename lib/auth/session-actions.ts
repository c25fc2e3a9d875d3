"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getRuntime } from "@/lib/server/runtime";
import { authenticateToken } from "./api-tokens";
import { safeReturnPath } from "./return-path";
import { SESSION_COOKIE } from "./session";
import { endSession, openSession, SESSION_COOKIE_MAX_AGE } from "./sessions";

export interface SignInState {
  error: string | null;
}

const ZSignIn = z.object({
  token: z.string().trim().min(1).max(512),
  next: z.string().max(2000).optional(),
});

/** Checks the token like an API request would, then opens a session kept in an httpOnly cookie. */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  // Anyone can post any arguments to an action; only the sign-in form's own FormData is one.
  if (!(form instanceof FormData)) return { error: "Paste your access token to sign in." };
  const input = ZSignIn.safeParse({ token: form.get("token") ?? "", next: form.get("next") ?? undefined });
  if (!input.success) return { error: "Paste your access token to sign in." };
  const { db } = await getRuntime();
  const session = await openSession(db, input.data.token);
  if (!session) {
    // Refused: say why, in the person's terms.
    const principal = await authenticateToken(db, input.data.token);
    return principal?.type === "service"
      ? { error: "That token belongs to a service, not a person: services use the HTTP API." }
      : { error: "That token is not known or has been revoked. Ask an admin for a new one." };
  }
  const forwardedProto = (await headers()).get("x-forwarded-proto");
  (await cookies()).set(SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: forwardedProto === "https",
    path: "/",
    maxAge: SESSION_COOKIE_MAX_AGE,
  });
  redirect(safeReturnPath(input.data.next));
}

/** Ends the session on the server as well as in the browser. */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  const secret = jar.get(SESSION_COOKIE)?.value;
  if (secret) await endSession((await getRuntime()).db, secret);
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
