import Link from "next/link";

export default function AccountNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">No such account or event</h1>
      <p className="text-sm text-slate-600">
        Nothing in the event log has this id. Check the link, or search for the account by name or email.
      </p>
      <Link href="/accounts" className="text-sm text-indigo-700 hover:underline">
        Search accounts →
      </Link>
    </div>
  );
}
