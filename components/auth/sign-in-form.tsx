"use client";

import { useActionState } from "react";
import { type SignInState, signIn } from "@/lib/auth/session-actions";

export interface DemoPerson {
  name: string;
  token: string;
  /** What this role may do, in a few words. */
  can: string;
}

export function SignInForm({ next, demoPeople }: { next: string; demoPeople: DemoPerson[] }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null });
  return (
    <div className="space-y-6">
      {demoPeople.length > 0 ? (
        <section aria-label="Demo people" className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-900">Demo: sign in as</h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {demoPeople.map((person) => (
              <li key={person.token}>
                <form action={action}>
                  <input type="hidden" name="token" value={person.token} />
                  <input type="hidden" name="next" value={next} />
                  <button
                    type="submit"
                    disabled={pending}
                    className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-left shadow-sm hover:border-indigo-400 hover:bg-indigo-50 disabled:opacity-50"
                  >
                    <span className="block text-sm font-medium text-slate-900">{person.name}</span>
                    <span className="block text-xs text-slate-500">{person.can}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form action={action} className="space-y-3" aria-label="Sign in with a token">
        <input type="hidden" name="next" value={next} />
        <label className="block text-sm font-medium text-slate-900" htmlFor="token">
          Access token
        </label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          required
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus:border-indigo-500 focus:outline-none"
        />
        {state.error ? (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
