import type { AccountState, InvoiceState, StreamKind, SubscriptionState } from "@/lib/domain";
import { initialAccountState } from "@/lib/domain/account/state";
import { initialSubscriptionState } from "@/lib/domain/subscription/state";
import { aggregates, STREAM_KINDS } from "@/lib/domain";
import type { AsOf, EventStore, StreamAt } from "@/lib/event-store";
import { type AccountHeaderModel, headerFromStates } from "@/lib/accounts/header";
import { LRUCache } from "lru-cache";
import { historyFoldOf } from "./folds";

/** One aggregate of an account as it was at a point. */
export interface AggregateAt {
  streamId: string;
  kind: StreamKind;
  /** Its version at the point (0: it did not exist yet). */
  version: number;
  state: unknown;
  /** One line about it ("Invoice 7f3… for USD 99.00, issued …: open …"). */
  summary: string;
  /** Position and business time of the last event folded in. */
  lastPosition: number | null;
  lastOccurredAt: string | null;
}

export interface AccountAt {
  header: AccountHeaderModel;
  /** Every aggregate that existed at the point: account, subscription, invoices (oldest first), leads. */
  aggregates: AggregateAt[];
}

const KIND_ORDER = new Map(STREAM_KINDS.map((kind, index) => [kind, index]));

function toAggregate(at: StreamAt): AggregateAt {
  const kind = at.streamType as StreamKind;
  return {
    streamId: at.streamId,
    kind,
    version: at.version,
    state: at.state,
    summary: aggregates[kind].summarize(at.state),
    lastPosition: at.lastEvent?.position ?? null,
    lastOccurredAt: at.lastEvent?.occurredAt.toISOString() ?? null,
  };
}

type HistoryStore = Pick<EventStore, "accountFingerprint" | "accountStreamIds" | "loadStreamsAt">;

// Folding a long-lived account (thousands of invoices) is the dear part of time travel, and a past
// point's answer never changes unless the account's log does: keep recent answers, per store (one
// per database), keyed by the account's fingerprint read before folding. Sized by aggregates held.
const caches = new WeakMap<
  HistoryStore,
  LRUCache<string, AccountAt, { store: HistoryStore; accountId: string; asOf: AsOf }>
>();
function cacheOf(store: HistoryStore) {
  let cache = caches.get(store);
  if (!cache) {
    cache = new LRUCache({
      maxSize: 50_000,
      sizeCalculation: (at) => at.aggregates.length + 1,
      fetchMethod: (_key, _stale, { context }) => foldAccountAt(context.store, context.accountId, context.asOf),
    });
    caches.set(store, cache);
  }
  return cache;
}

/**
 * Every aggregate of an account as it was at a point, folded from the log by
 * the deciders' evolve (history snapshots keep long streams quick), and the
 * header's figures computed from those states by the read model's own rules.
 * The answer is shared between readers: treat it as read-only.
 */
export async function accountAt(store: HistoryStore, accountId: string, asOf: AsOf): Promise<AccountAt> {
  const fingerprint = await store.accountFingerprint(accountId);
  const key = JSON.stringify([accountId, asOf, fingerprint]);
  return (await cacheOf(store).fetch(key, { context: { store, accountId, asOf } }))!;
}

async function foldAccountAt(store: HistoryStore, accountId: string, asOf: AsOf): Promise<AccountAt> {
  // A stream begun after a position had no state there; on the time axes every stream is asked.
  const streamIds = await store.accountStreamIds(accountId, "position" in asOf ? asOf.position : undefined);
  const loaded = await store.loadStreamsAt(streamIds, asOf, historyFoldOf);
  const found = loaded
    .filter((s) => s.version > 0 && Object.hasOwn(aggregates, s.streamType))
    .map(toAggregate)
    .sort((a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.lastPosition ?? 0) - (b.lastPosition ?? 0));
  return { header: headerOf(accountId, found), aggregates: found };
}

export function headerOf(accountId: string, found: readonly AggregateAt[]): AccountHeaderModel {
  const stateOf = <S>(kind: StreamKind) => found.find((a) => a.kind === kind)?.state as S | undefined;
  return headerFromStates(accountId, {
    account: stateOf<AccountState>("account") ?? initialAccountState(),
    subscription: stateOf<SubscriptionState>("subscription") ?? initialSubscriptionState(),
    invoices: found.filter((a) => a.kind === "invoice").map((a) => a.state as InvoiceState),
  });
}
