import { z } from "zod";
import type { ExistingLead } from "@/lib/domain/lead/state";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { streamIdFor } from "@/lib/event-store";
import { stateAt } from "@/lib/history/state-at";
import { listLeads } from "@/lib/projections/customer-lifecycle/queries";
import { unprojectedForStream } from "@/lib/projections/read-after-write";
import type { TimelinePage } from "@/lib/timeline/entry";
import { readTimeline } from "@/lib/timeline/read";
import { ACCOUNT_TIMELINE } from "@/lib/timeline/read-model/projection";
import { one, positiveInt, type QueryDeps, type SearchParams } from "./params";

export const LEADS_PER_PAGE = 25;
export const LEAD_TIMELINE_PER_PAGE = 50;
/** More scores than this on one lead is a runaway integration; the page says the list was cut. */
export const SCORE_HISTORY_LIMIT = 500;

const ZCursor = z.string().max(1000).optional().catch(undefined);

/** The leads list, newest captured first, a page at a time (read model: the customer lifecycle's pipeline). */
export async function readLeadList(deps: Pick<QueryDeps, "db">, params: SearchParams) {
  return listLeads(deps.db, { limit: LEADS_PER_PAGE, cursor: ZCursor.parse(one(params.after)) });
}

/** One LeadScored as the score history shows it. */
export interface ScoreRecord {
  position: number;
  accountId: string;
  occurredAt: string;
  actorLabel: string;
  score: number;
  model: string;
  reasons: string[];
  /** Stored in an older schema (v1: `{ score }`) and read through its upcaster. */
  storedSchemaVersion: number;
  schemaVersion: number;
  upcast: boolean;
}

export interface LeadPage {
  lead: ExistingLead;
  /** The lead stream's version the state was folded to. */
  version: number;
  /** Oldest first. */
  scores: ScoreRecord[];
  scoresCut: boolean;
  /** The account a conversion opened, or the prospective one it would open (whose page shows the lead's events). */
  account: { accountId: string; converted: boolean };
  timeline: TimelinePage;
  /** The lead's events the timeline read model has not applied (its timeline and score history may miss them). */
  pending: { summary: number; timeline: number };
}

async function leadState(deps: QueryDeps, streamId: string) {
  try {
    return await stateAt(deps.store, streamId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof InvalidInputError) return null;
    throw error;
  }
}

/**
 * One lead's page: its state now (folded from its stream), every score it
 * was given, the account it became (or would become), and a page of its own
 * timeline. Null when no such lead exists.
 */
export async function readLeadPage(deps: QueryDeps, leadId: string, params: SearchParams): Promise<LeadPage | null> {
  let streamId: string;
  try {
    streamId = streamIdFor("lead", leadId);
  } catch {
    return null;
  }
  const [state, scored, timeline, pending] = await Promise.all([
    leadState(deps, streamId),
    readTimeline(deps, { streamId }, { limit: SCORE_HISTORY_LIMIT, types: ["LeadScored"], order: "asc" }),
    readTimeline(deps, { streamId }, { limit: LEAD_TIMELINE_PER_PAGE, cursor: positiveInt(params.cursor) }),
    unprojectedForStream(deps.db.raw, ACCOUNT_TIMELINE, streamId),
  ]);
  if (!state) return null;
  const lead = state.state as ExistingLead;
  const scores = scored.entries.map((e): ScoreRecord => {
    const data = e.data as { score: number; model: string; reasons: string[] };
    return {
      position: e.position,
      accountId: e.accountId,
      occurredAt: e.occurredAt,
      actorLabel: e.actorLabel,
      score: data.score,
      model: data.model,
      reasons: data.reasons,
      storedSchemaVersion: e.storedSchemaVersion,
      schemaVersion: e.schemaVersion,
      upcast: e.storedSchemaVersion < e.schemaVersion,
    };
  });
  return {
    lead,
    version: state.version,
    scores,
    scoresCut: scored.nextCursor !== null,
    account: { accountId: lead.accountId, converted: lead.stage === "converted" },
    timeline,
    pending: { summary: 0, timeline: pending },
  };
}
