import Link from "next/link";

/** Any unknown account, invoice, lead, stream, event or correlation: HTTP 404 with a way on. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-slate-600">
        There is no page at this address: no such account, invoice, lead, stream, event or correlation, or a mistyped
        path. Check the link, or search by name, email or id.
      </p>
      <form action="/search" method="get" role="search" className="flex justify-center gap-2">
        <input
          type="search"
          name="q"
          aria-label="Search"
          placeholder="Name, email or id"
          className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
          Search
        </button>
      </form>
      <Link href="/accounts" className="text-sm text-indigo-700 hover:underline">
        All accounts →
      </Link>
    </div>
  );
}
