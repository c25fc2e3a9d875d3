import { aggregates, type ApprovalState } from "@/lib/domain";
import type { Database } from "@/lib/db/types";
import type { EventStore, RecordedEvent } from "@/lib/event-store";

/** One four-eyes request as the approvals page shows it. */
export interface ApprovalRow {
  approvalId: string;
  state: ApprovalState;
  requestedAt: string;
  reason: string | null;
  ticket: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

const DECIDED_SHOWN = 50;

function rowOf(events: RecordedEvent[]): ApprovalRow {
  const { decider } = aggregates.approval;
  const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState()) as ApprovalState;
  const [requested] = events;
  const decided = events.length > 1 ? events.at(-1)! : null;
  return {
    approvalId: state.approvalId ?? requested!.streamId.slice("approval-".length),
    state,
    requestedAt: requested!.recordedAt.toISOString(),
    reason: requested!.metadata.reason,
    ticket: requested!.metadata.ticket,
    decidedAt: decided?.recordedAt.toISOString() ?? null,
    decisionReason: decided?.metadata.reason ?? null,
  };
}

/**
 * Every credit note or refund waiting for a second admin (oldest first: the
 * longest wait on top), and the latest decided ones, folded from their streams.
 */
export async function readApprovals(runtime: { db: Database; store: EventStore }) {
  const streams = await runtime.db.prisma.stream.findMany({
    where: { streamType: "approval" },
    orderBy: { createdAt: "desc" },
    select: { streamId: true, version: true },
  });
  const pendingIds = streams.filter((s) => s.version === 1).map((s) => s.streamId);
  const decidedIds = streams
    .filter((s) => s.version > 1)
    .slice(0, DECIDED_SHOWN)
    .map((s) => s.streamId);
  const read = (ids: string[]) => Promise.all(ids.map(async (id) => rowOf(await runtime.store.readStream(id))));
  const [pending, decided] = await Promise.all([read(pendingIds), read(decidedIds)]);
  return { pending: pending.reverse(), decided, decidedTotal: streams.length - pendingIds.length };
}
