import Link from "next/link";
import { fieldValue, words } from "@/components/ui/format";
import { SupersedeButton } from "@/components/corrections/supersede-button";
import type { EventLink, TimelineEntry } from "@/lib/timeline/entry";
import { LocalTime } from "./local-time";

/** Builds a link that adds one filter to the current view (`null`: the entry is not on a filterable page). */
export type FilterHref = ((name: string, value: string) => string) | null;

/** Builds a link to the account as of a position, keeping the current view (absent: the account page as it comes). */
export type AtHref = (position: number) => string;

// A field that did not exist before the event (a new invoice's "paid") has no "before" worth showing.
const isUnset = (value: unknown) => value === null || value === undefined || value === "none";

// Random ids (UUIDs) shortened, the full id on hover; readable ones ("delivery:evt_sub_4471") kept whole.
// How the filters read in a tooltip ("Show only events with type PlanUpgraded").
const FILTER_LABELS: Record<string, string> = {
  types: "type",
  actor: "actor",
  source: "source",
  appVersion: "app version",
  correlationId: "correlation",
  streams: "stream",
};

const short = (id: string) => (id.length > 24 ? `${id.slice(0, 8)}…` : id);

function Filterable({
  href,
  name,
  value,
  children,
}: {
  href: FilterHref;
  name: string;
  value: string;
  children: React.ReactNode;
}) {
  if (!href) return <>{children}</>;
  return (
    <Link
      href={href(name, value)}
      className="hover:text-indigo-700 hover:underline"
      title={`Show only events with ${FILTER_LABELS[name] ?? name} ${value}`}
    >
      {children}
    </Link>
  );
}

function EventRef({ link, label }: { link: EventLink; label: string }) {
  if (link.position === null || link.accountId === null) {
    return (
      <span className="font-mono">
        {label} event {short(link.eventId)}
      </span>
    );
  }
  return (
    <Link href={`/accounts/${link.accountId}/events/${link.position}`} className="text-indigo-700 hover:underline">
      {label} #{link.position}
      {link.type ? ` (${link.type})` : ""}
    </Link>
  );
}

function Changes({ entry, currency }: { entry: TimelineEntry; currency: string | null }) {
  const changes = Object.entries(entry.changes).filter(([, c]) => !(isUnset(c.old) && (c.new === 0 || isUnset(c.new))));
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-0.5 text-xs" aria-label="Changes">
      {changes.map(([field, change]) => (
        <li key={field}>
          <span className="text-slate-500">{words(field)}</span>{" "}
          {isUnset(change.old) ? null : (
            <>
              <span className="font-mono text-slate-400 line-through">{fieldValue(field, change.old, currency)}</span>
              {" → "}
            </>
          )}
          <span className="font-mono text-slate-800">{fieldValue(field, change.new, currency)}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the domain would refuse outright is not offered (it still decides: decision 5). */
const supersedable = (entry: TimelineEntry) =>
  !entry.supersededBy &&
  entry.version > 1 &&
  entry.streamType !== "pricelist" &&
  !["EventSuperseded", "PersonalDataErased", "AccountClosed"].includes(entry.type);

/** Who struck the event out, when and why. */
function SupersededNote({ entry }: { entry: TimelineEntry }) {
  const by = entry.supersededBy!;
  return (
    <p className="mt-1 text-xs text-rose-800" data-testid="superseded-note">
      Superseded by {by.actorLabel} on <LocalTime iso={by.at} />
      {by.reason ? `: ${by.reason}` : ""} (
      <Link href={`/accounts/${entry.accountId}/events/${by.position}`} className="underline">
        #{by.position}
      </Link>
      ). Left out of every figure.
    </p>
  );
}

/**
 * One event: the sentence, when it happened (and was recorded, if later),
 * who and through what, the deployment, its place in its stream and in the
 * log, its ids as links, what it corrects or what corrects it, repeats of its
 * request, and what it changed.
 */
export function TimelineEntryView({
  entry,
  currency,
  filterHref = null,
  atHref,
  canSupersede = false,
}: {
  entry: TimelineEntry;
  currency: string | null;
  filterHref?: FilterHref;
  atHref?: AtHref;
  /** The viewer may issue corrections (admins): offer "Supersede". */
  canSupersede?: boolean;
}) {
  const backdated = entry.occurredAt.slice(0, 19) !== entry.recordedAt.slice(0, 19);
  const account = `/accounts/${entry.accountId}`;
  const at = atHref ?? ((position: number) => `${account}?at=${position}`);
  return (
    <li
      id={`event-${entry.position}`}
      className="px-5 py-3"
      data-testid="timeline-entry"
      data-position={entry.position}
      data-superseded={entry.supersededBy ? "true" : undefined}
    >
      <div className="flex items-start justify-between gap-4">
        <p
          className={`text-sm font-medium break-words ${entry.supersededBy ? "text-slate-500 line-through" : "text-slate-900"}`}
        >
          {entry.supersededBy ? (
            <span className="mr-1.5 inline-block rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 no-underline">
              superseded
            </span>
          ) : null}
          {entry.compensates ? (
            <span className="mr-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
              correction
            </span>
          ) : null}
          {entry.sentence}
        </p>
        <div className="flex shrink-0 gap-3 text-xs">
          <Link href={at(entry.position - 1)} className="text-indigo-700 hover:underline">
            State before
          </Link>
          <Link href={at(entry.position)} className="text-indigo-700 hover:underline">
            after
          </Link>
          <Link href={`${account}/events/${entry.position}`} className="text-indigo-700 hover:underline">
            Raw event
          </Link>
          {canSupersede && supersedable(entry) ? <SupersedeButton position={entry.position} type={entry.type} /> : null}
        </div>
      </div>
      {entry.supersededBy ? <SupersededNote entry={entry} /> : null}
      <p className="mt-0.5 flex flex-wrap gap-x-1.5 text-xs text-slate-500">
        <LocalTime iso={entry.occurredAt} title={backdated ? undefined : `recorded ${entry.recordedAt}`} />
        {backdated ? (
          <span>
            (recorded <LocalTime iso={entry.recordedAt} />)
          </span>
        ) : null}
        <span>·</span>
        <Filterable href={filterHref} name="actor" value={entry.actor.id}>
          {entry.actorLabel}
        </Filterable>
        <span>·</span>
        <Filterable href={filterHref} name="source" value={entry.source}>
          via {entry.source}
        </Filterable>
        <span>·</span>
        <Filterable href={filterHref} name="appVersion" value={entry.appVersion}>
          app <span className="font-mono">{entry.appVersion}</span>
        </Filterable>
        <span>·</span>
        <Filterable href={filterHref} name="types" value={entry.type}>
          <span className="font-mono">{entry.type}</span>
        </Filterable>
        <span>·</span>
        <Link href={`/streams/${entry.streamId}?at=${entry.version}`} className="font-mono hover:underline">
          {entry.streamId} v{entry.version}
        </Link>
        <span>·</span>
        <span className="font-mono" title="Global position in the event log">
          #{entry.position}
        </span>
      </p>
      {entry.reason ? <p className="mt-1 text-xs text-slate-700">Reason: {entry.reason}</p> : null}
      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
        <span>
          request{" "}
          <Link
            href={`/correlations/${encodeURIComponent(entry.requestId)}`}
            className="font-mono text-indigo-700 hover:underline"
            title={entry.requestId}
          >
            {short(entry.requestId)}
          </Link>
        </span>
        {entry.correlationId !== entry.requestId ? (
          <span>
            correlation{" "}
            <Link
              href={`/correlations/${encodeURIComponent(entry.correlationId)}`}
              className="font-mono text-indigo-700 hover:underline"
              title={entry.correlationId}
            >
              {short(entry.correlationId)}
            </Link>
          </span>
        ) : null}
        {entry.replays ? (
          <span
            className="rounded bg-sky-100 px-1.5 font-medium text-sky-800"
            title={entry.replays.repeats
              .map((r) => `repeated ${r.at} via ${r.source} (request ${r.requestId})`)
              .join("\n")}
            data-testid="replays"
          >
            sent {entry.replays.sent} times, applied once
          </span>
        ) : null}
        {entry.storedSchemaVersion < entry.schemaVersion ? (
          <span
            className="rounded bg-violet-100 px-1.5 text-violet-800"
            title="Stored in an older schema; read through its upcaster"
          >
            stored as v{entry.storedSchemaVersion}, shown upcast to v{entry.schemaVersion}
          </span>
        ) : null}
        {entry.compensates ? <EventRef link={entry.compensates} label="compensates" /> : null}
        {entry.compensatedBy.map((link) => (
          <EventRef key={link.eventId} link={link} label="compensated by" />
        ))}
      </p>
      <Changes entry={entry} currency={currency} />
    </li>
  );
}
