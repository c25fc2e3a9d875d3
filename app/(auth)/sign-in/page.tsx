import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { type DemoPerson, SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/auth/return-path";
import { currentPrincipal, sessionEnded } from "@/lib/auth/session";
import { SESSION_HOURS } from "@/lib/auth/sessions";
import { DEMO_PRINCIPALS, DEMO_SECOND_ADMIN } from "@/lib/seed/demo-actors";
import { isDemoMode } from "@/lib/server/config";

export const metadata: Metadata = { title: "Sign in" };

const ROLE_CAN = {
  support: "reads timelines and accounts",
  finance: "reads, exports and verifies",
  admin: "everything, incl. corrections",
} as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: raw } = await searchParams;
  const next = safeReturnPath(typeof raw === "string" ? raw : null);
  if (await currentPrincipal()) redirect(next);
  // The demo people's tokens are well known, and exist only in demo mode.
  const demoPeople: DemoPerson[] = isDemoMode()
    ? (["support", "finance", "admin"] as const)
        .map((role): DemoPerson => ({
          name: DEMO_PRINCIPALS[role].name,
          token: DEMO_PRINCIPALS[role].token,
          can: ROLE_CAN[role],
        }))
        .concat({
          name: DEMO_SECOND_ADMIN.name,
          token: DEMO_SECOND_ADMIN.token,
          can: "a second admin: approves large credits",
        })
    : [];
  return (
    <div className="mx-auto max-w-xl space-y-6 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          Use the access token an admin gave you. Your role decides what you can see and do.
        </p>
      </div>
      {(await sessionEnded()) ? (
        <p role="status" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Your session has ended. A session lasts {SESSION_HOURS} hours, and ends sooner when you sign out or your token
          is revoked. Sign in again to go on.
        </p>
      ) : null}
      <SignInForm next={next} demoPeople={demoPeople} />
    </div>
  );
}
