import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/session";

/** A signed-in person whose role may not see this page: HTTP 403, and who they are signed in as. */
export default async function Forbidden() {
  const principal = await currentPrincipal();
  return (
    <div className="mx-auto max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Not for your role</h1>
      <p className="text-sm text-slate-600">
        {principal ? `You are signed in as ${principal.name}. ` : ""}This page needs a role with more rights (finance or
        admin). Ask an admin if you need it.
      </p>
      <Link href="/" className="text-sm text-indigo-700 hover:underline">
        Back to the overview →
      </Link>
    </div>
  );
}
