import Link from "next/link";

/** Newest-first paging under a list of events: back to the newest page, on to older ones (either may be absent). */
export function Pager({ newest, older }: { newest: string | null; older: string | null }) {
  if (newest === null && older === null) return null;
  return (
    <nav aria-label="Pages" className="flex gap-4 border-t border-slate-200 px-5 py-3 text-sm">
      {newest !== null ? (
        <Link href={newest} className="text-indigo-700 hover:underline">
          ← Newest events
        </Link>
      ) : null}
      {older !== null ? (
        <Link href={older} className="text-indigo-700 hover:underline">
          Older events →
        </Link>
      ) : null}
    </nav>
  );
}
