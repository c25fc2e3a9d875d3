import Link from "next/link";
import type { ConsoleOperation } from "@/lib/queries/projection-console";

/** The operations console's stream, newest first: who did what, when and why. */
export function ConsoleHistory({ history }: { history: ConsoleOperation[] }) {
  return (
    <section aria-label="Console history" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Console history</h2>
        <p className="text-xs text-slate-500">
          Every operation is an event in the stream{" "}
          <Link href="/streams/operations-console" className="font-mono underline">
            operations-console
          </Link>
          .
        </p>
      </div>
      {history.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-500">No operations yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {history.map((op) => (
            <li key={op.position} data-testid="console-operation" className="flex gap-4 px-5 py-2 text-sm">
              <time dateTime={op.at} className="shrink-0 font-mono text-xs text-slate-500">
                {op.at.slice(0, 19).replace("T", " ")}
              </time>
              <span className="text-slate-800">
                <span className="font-medium">{op.actor}</span> {op.phrase}
                <span className="ml-2 text-xs text-slate-400">via {op.source}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
