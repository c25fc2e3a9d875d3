import Link from "next/link";
import type { RecordedEvent } from "@/lib/event-store";
import { HashCode } from "./hash-code";

const th = "px-3 py-2 font-medium";
const json = (value: unknown) => JSON.stringify(value, null, 2);

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <details className="min-w-0">
      <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">{label}</summary>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-800">{json(value)}</pre>
    </details>
  );
}

/** The stored events, one row per version (newest first), with their place, hashes, data and metadata. */
export function StreamEvents({
  streamId,
  events,
  atVersion,
}: {
  streamId: string;
  events: RecordedEvent[];
  atVersion: number | null;
}) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className={`${th} text-right`}>Version</th>
          <th className={`${th} text-right`}>Position</th>
          <th className={th}>Type</th>
          <th className={th}>Schema</th>
          <th className={th}>Occurred · recorded (UTC)</th>
          <th className={th}>Hash · previous</th>
          <th className={th}>
            <span className="sr-only">Links</span>
          </th>
        </tr>
      </thead>
      {events.map((e) => (
        <tbody
          key={e.version}
          id={`v${e.version}`}
          data-testid="stream-event"
          data-version={e.version}
          className={`border-b border-slate-100 ${e.version === atVersion ? "bg-violet-50" : ""}`}
        >
          <tr className="align-top">
            <td className="px-3 pt-2 text-right font-mono">v{e.version}</td>
            <td className="px-3 pt-2 text-right font-mono text-slate-600">#{e.position}</td>
            <td className="px-3 pt-2 font-mono">{e.type}</td>
            <td className="px-3 pt-2 text-xs whitespace-nowrap">
              v{e.schemaVersion}
              {e.storedSchemaVersion < e.schemaVersion ? (
                <span
                  className="ml-1 rounded bg-violet-100 px-1 text-violet-800"
                  title="Stored in an older schema; shown through its upcaster"
                >
                  stored v{e.storedSchemaVersion}
                </span>
              ) : null}
            </td>
            <td className="px-3 pt-2 font-mono text-xs whitespace-nowrap text-slate-700">
              <div title={e.occurredAt.toISOString()}>{e.occurredAt.toISOString()}</div>
              <div title={e.recordedAt.toISOString()} className="text-slate-500">
                {e.recordedAt.toISOString()}
              </div>
            </td>
            <td className="px-3 pt-2">
              <div className="text-xs whitespace-nowrap text-slate-500">
                hash <HashCode value={e.hash} label="Hash" />
              </div>
              <div className="text-xs whitespace-nowrap text-slate-500">
                prev <HashCode value={e.prevHash} label="Previous hash" />
              </div>
            </td>
            <td className="px-3 pt-2 text-xs whitespace-nowrap">
              <Link href={`/accounts/${e.accountId}/events/${e.position}`} className="text-indigo-700 hover:underline">
                Raw event
              </Link>
              {" · "}
              <Link href={`/streams/${streamId}?at=${e.version}`} className="text-indigo-700 hover:underline">
                state after
              </Link>
            </td>
          </tr>
          <tr>
            <td colSpan={2} />
            <td colSpan={5} className="px-3 pb-2">
              <div className="grid gap-3 sm:grid-cols-2">
                <Json label="Data" value={e.data} />
                <Json label="Metadata" value={e.metadata} />
              </div>
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}
