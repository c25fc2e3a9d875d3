import Link from "next/link";
import { LocalTime } from "@/components/timeline/local-time";
import type { CommandNode, EventNode } from "@/lib/timeline/causation";
import { commandWords } from "@/lib/timeline/groups";

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
export const correlationHref = (id: string) => `/correlations/${encodeURIComponent(id)}`;

function Replays({ node }: { node: CommandNode }) {
  if (!node.replays) return null;
  return (
    <details className="text-xs" data-testid="replays">
      <summary className="inline cursor-pointer rounded bg-sky-100 px-1.5 font-medium text-sky-800">
        sent {node.replays.sent} times, applied once
      </summary>
      <ul className="mt-1 space-y-0.5 text-slate-600">
        {node.replays.repeats.map((r) => (
          <li key={r.requestId}>
            Sent again <LocalTime iso={r.at} /> via {r.source} as request{" "}
            <Link href={correlationHref(r.requestId)} className="font-mono text-indigo-700 hover:underline">
              {short(r.requestId)}
            </Link>
            : answered from the stored result, nothing appended.
          </li>
        ))}
      </ul>
    </details>
  );
}

function EventView({ node, home }: { node: EventNode; home: string }) {
  const { entry, followUps } = node;
  const account = `/accounts/${encodeURIComponent(entry.accountId)}`;
  const elsewhere = entry.accountId !== home;
  return (
    <li className="py-2" data-testid="causation-event" data-position={entry.position}>
      <p className="text-sm break-words text-slate-900">{entry.sentence}</p>
      <p className="mt-0.5 flex flex-wrap gap-x-1.5 text-xs text-slate-500">
        <span className="font-mono">{entry.type}</span>
        <span>·</span>
        <span className="font-mono">
          {entry.streamId} v{entry.version}
        </span>
        <span>·</span>
        <span className="font-mono" title="Global position in the event log">
          #{entry.position}
        </span>
        <span>·</span>
        <Link
          href={`${account}#event-${entry.position}`}
          className={
            elsewhere
              ? "rounded bg-amber-100 px-1.5 font-medium text-amber-900 hover:underline"
              : "text-indigo-700 hover:underline"
          }
          title={elsewhere ? "This event belongs to another account than the request's" : undefined}
        >
          {elsewhere ? `other account: ${entry.accountId}` : `account ${entry.accountId}`}
        </Link>
        <span>·</span>
        <Link href={`${account}/events/${entry.position}`} className="text-indigo-700 hover:underline">
          Raw event
        </Link>
      </p>
      {followUps.length > 0 ? (
        <div className="mt-2 ml-2 border-l-2 border-indigo-100 pl-4">
          <p className="text-xs font-medium text-slate-500">
            Because of this event, our policies issued {followUps.length === 1 ? "a command" : "these commands"}:
          </p>
          <ol>
            {followUps.map((c) => (
              <CommandView key={c.requestId} node={c} home={home} />
            ))}
          </ol>
        </div>
      ) : null}
    </li>
  );
}

/** One command: who issued it, how, when, how many events it appended; then each event and what it caused. */
export function CommandView({ node, home }: { node: CommandNode; home: string }) {
  const count = node.events.length;
  return (
    <li className="py-2" data-testid="causation-command">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-sm font-semibold text-slate-900">
          {node.commandType ? commandWords(node.commandType) : "Events"}
        </span>
        <span className="text-sm text-slate-700">by {node.actorLabel}</span>
        <span className="text-xs text-slate-500">
          via {node.source} · <LocalTime iso={node.occurredAt} /> · appended {count} event{count === 1 ? "" : "s"} ·
          request{" "}
          <Link href={correlationHref(node.requestId)} className="font-mono text-indigo-700 hover:underline">
            {short(node.requestId)}
          </Link>
        </span>
        <Replays node={node} />
      </div>
      <ol className="ml-2 border-l-2 border-slate-200 pl-4">
        {node.events.map((e) => (
          <EventView key={e.entry.position} node={e} home={home} />
        ))}
      </ol>
    </li>
  );
}

/** A story's causation tree: the commands that started it, each with everything it led to. */
export function CausationTree({ roots }: { roots: CommandNode[] }) {
  return (
    <ol className="space-y-2" aria-label="What caused what">
      {roots.map((root) => (
        <CommandView key={root.requestId} node={root} home={root.accountIds[0] ?? ""} />
      ))}
    </ol>
  );
}
