import Link from "next/link";
import type { Principal } from "@/lib/auth/permissions";
import { signOut } from "@/lib/auth/session-actions";

/** The header's right side: who is signed in (with their role) and a way out. */
export function UserMenu({ principal }: { principal: Principal | null }) {
  if (!principal) {
    return (
      <Link href="/sign-in" className="text-sm text-indigo-700 hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-700" data-testid="signed-in-as">
        {principal.name}{" "}
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{principal.role}</span>
      </span>
      <form action={signOut}>
        <button type="submit" className="text-slate-500 hover:text-slate-900 hover:underline">
          Sign out
        </button>
      </form>
    </div>
  );
}
