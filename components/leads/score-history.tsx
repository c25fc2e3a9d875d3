import Link from "next/link";
import { dateTimeSeconds } from "@/components/ui/format";
import type { LeadPage } from "@/lib/queries/leads";

const th = "px-4 py-2 font-medium";

/** Every score the lead was given, oldest first; scores stored in an older schema say so. */
export function ScoreHistory({ page }: { page: LeadPage }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Score history">
      <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
        Score history, oldest first
      </h2>
      {page.scores.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-500">Never scored.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th className={th}>When</th>
              <th className={`${th} text-right`}>Score</th>
              <th className={th}>Model</th>
              <th className={th}>Reasons</th>
              <th className={th}>By</th>
              <th className={th}>Event</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.scores.map((s) => (
              <tr key={s.position} data-testid="score" data-upcast={s.upcast ? "true" : undefined}>
                <td className="px-4 py-2 text-slate-600">{dateTimeSeconds(s.occurredAt)}</td>
                <td className="px-4 py-2 text-right font-semibold tabular-nums">{s.score}</td>
                <td className="px-4 py-2">
                  <span className="font-mono">{s.model}</span>
                  {s.upcast ? (
                    <span
                      className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-800"
                      title={`Stored in schema v${s.storedSchemaVersion}, before scores had a model and reasons`}
                    >
                      stored as v{s.storedSchemaVersion}, read through its upcaster
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-slate-700">
                  {s.reasons.length ? s.reasons.join(", ") : <span className="text-slate-400">none recorded</span>}
                </td>
                <td className="px-4 py-2 text-slate-600">{s.actorLabel}</td>
                <td className="px-4 py-2">
                  <Link
                    href={`/accounts/${s.accountId}/events/${s.position}`}
                    className="font-mono text-xs text-indigo-700 hover:underline"
                  >
                    #{s.position}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.scoresCut ? (
        <p className="border-t border-slate-200 px-5 py-2 text-xs text-slate-500">
          Only the first {page.scores.length} scores are listed; the timeline below has every one.
        </p>
      ) : null}
    </section>
  );
}
