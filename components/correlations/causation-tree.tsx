import Link from "next/link";
import { LocalTime } from "@/components/timeline/local-time";
import type { CommandNode, EventNode } from "@/lib/timeline/causation";
import { commandWords } from "@/lib/timeline/groups";

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
export const correlationHref = (id: string) => `/correlations/${encodeURIComponent(id)}`;

const SHOWN_REPEATS = 10;

/** "Sent 3 times, applied once", and each repeat: when, how, as which request. */
function Replays({ node }: { node: CommandNode }) {
  if (!node.replays) return null;
  const { sent, repeats } = node.replays;
  return (
    <div className="mt-1 text-xs" data-testid="replays">
      <span className="rounded bg-sky-100 px-1.5 font-medium text-sky-800">sent {sent} times, applied once</span>
      <ul className="mt-1 space-y-0.5 text-slate-600">
        {repeats.slice(0, SHOWN_REPEATS).map((r) => (
          <li key={r.requestId}>
            Sent again <LocalTime iso={r.at} /> via {r.source} as request{" "}
            <Link href={correlationHref(r.requestId)} className="font-mono text-indigo-700 hover:underline">
              {short(r.requestId)}
            </Link>
            : answered from the stored result, nothing appended.
          </li>
        ))}
        {repeats.length > SHOWN_REPEATS ? <li>and {repeats.length - SHOWN_REPEATS} more repeats.</li> : null}
      </ul>
    </div>
  );
}

interface Where {
  /** The account of the command the tree starts from: events elsewhere are labelled. */
  home: string;
  /** The id the page shows: not linked to itself. */
  current: string;
}

function EventView({ node, where }: { node: EventNode; where: Where }) {
  const { entry, followUps } = node;
  const account = `/accounts/${encodeURIComponent(entry.accountId)}`;
  const elsewhere = entry.accountId !== where.home;
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
          // Filtered to the correlation and flat, so the event is on the page and not folded into a group.
          href={`${account}?correlationId=${encodeURIComponent(entry.correlationId)}&view=flat#event-${entry.position}`}
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
              <CommandView key={c.requestId} node={c} where={where} />
            ))}
          </ol>
        </div>
      ) : null}
    </li>
  );
}

/** One command: who issued it, how, when, how many events it appended; then each event and what it caused. */
function CommandView({ node, where }: { node: CommandNode; where: Where }) {
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
          {node.requestId === where.current ? (
            <span className="font-mono">{short(node.requestId)}</span>
          ) : (
            <Link href={correlationHref(node.requestId)} className="font-mono text-indigo-700 hover:underline">
              {short(node.requestId)}
            </Link>
          )}
        </span>
      </div>
      <Replays node={node} />
      <ol className="ml-2 border-l-2 border-slate-200 pl-4">
        {node.events.map((e) => (
          <EventView key={e.entry.position} node={e} where={where} />
        ))}
      </ol>
    </li>
  );
}

/** A story's causation tree: the commands that started it, each with everything it led to. */
export function CausationTree({ roots, current }: { roots: CommandNode[]; current: string }) {
  return (
    <ol className="space-y-2" aria-label="What caused what">
      {roots.map((root) => (
        <CommandView key={root.requestId} node={root} where={{ home: root.accountIds[0] ?? "", current }} />
      ))}
    </ol>
  );
}
