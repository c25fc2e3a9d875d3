import type { Actor, Source } from "@/lib/event-store";
import type { Changes } from "./read-model/changes";
import type { TimelineFacts } from "./read-model/queries";

/** Another event an entry refers to (what it compensates, or what compensates it). */
export interface EventLink {
  eventId: string;
  /** Null when the event is not (yet) in the timeline read model. */
  position: number | null;
  accountId: string | null;
  type: string | null;
}

/** Who superseded an entry's event, when and why (the entry is then shown struck through and left out of folds). */
export interface Supersession {
  /** The EventSuperseded event's position and id. */
  position: number;
  eventId: string;
  actorLabel: string;
  reason: string | null;
  at: string;
}

/** Repeats of the request that appended an entry, answered from its stored result: "sent 3 times, applied once". */
export interface ReplaySummary {
  /** Times the request was sent, the first included. */
  sent: number;
  repeats: { at: string; source: string; requestId: string }[];
}

/**
 * One event as every timeline shows it (the account page, the invoice, lead,
 * stream and correlation pages, the API and the exports): its facts from the
 * read model, its data as the log holds it now (upcast, personal data
 * resolved), and the sentence rendered from that data when read.
 */
export interface TimelineEntry extends Omit<
  TimelineFacts,
  "actorType" | "actorId" | "actorRole" | "source" | "compensates" | "changes"
> {
  /** The data's schema version; storedSchemaVersion is lower when it was upcast from an older one. */
  schemaVersion: number;
  actor: Actor;
  /** "Dana (admin)", "Billing policy". */
  actorLabel: string;
  source: Source;
  /** Who did what: "Dana (admin) upgraded Starter to Pro, effective immediately". */
  sentence: string;
  /** The key fields of the stream's aggregate this event changed. */
  changes: Changes;
  data: Record<string, unknown>;
  compensates: EventLink | null;
  compensatedBy: EventLink[];
  replays: ReplaySummary | null;
  /** Set when an admin superseded this event. */
  supersededBy: Supersession | null;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
