import type { AccountState, InvoiceState, StreamKind, SubscriptionState } from "@/lib/domain";
import { initialAccountState } from "@/lib/domain/account/state";
import { initialSubscriptionState } from "@/lib/domain/subscription/state";
import { aggregates, STREAM_KINDS } from "@/lib/domain";
import type { AccountLog, AsOf, EventStore, StreamAt } from "@/lib/event-store";
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

/** `before`: the same stream in the answer folded on from, for its last event when nothing new was folded in. */
function toAggregate(at: StreamAt, before?: AggregateAt): AggregateAt {
  const kind = at.streamType as StreamKind;
  return {
    streamId: at.streamId,
    kind,
    version: at.version,
    state: at.state,
    summary: aggregates[kind].summarize(at.state),
    lastPosition: at.lastEvent?.position ?? before?.lastPosition ?? null,
    lastOccurredAt: at.lastEvent?.occurredAt.toISOString() ?? before?.lastOccurredAt ?? null,
  };
}

type HistoryStore = Pick<
  EventStore,
  "accountLog" | "accountStreamIds" | "accountStreamsChangedBetween" | "loadStreamsAt"
>;

interface FoldRequest {
  store: HistoryStore;
  accountId: string;
  asOf: AsOf;
  log: AccountLog;
}

/** A kept answer's place: which account, at which position, folded from the log as it was then. */
interface KeptPoint {
  accountId: string;
  position: number;
  log: Omit<AccountLog, "past">;
}

/** How many of an account's latest logs a new fold asks about (what was appended past their heads). */
const HEADS_ASKED = 8;

// Folding a long-lived account (thousands of invoices) is the dear part of time travel, and a past
// point's answer never changes unless the account's log does below it: keep recent answers, per store
// (one per database), keyed by the account's fingerprint read before folding. Sized by aggregates held.
// A new position starts from the nearest kept one that still holds (people step through a history):
// only the streams with an event in between are read again, folded on from the kept states when it
// lies below.
class AccountFolds {
  private readonly kept = new Map<string, KeptPoint>();
  readonly cache = new LRUCache<string, AccountAt, FoldRequest>({
    maxSize: 50_000,
    sizeCalculation: (at) => at.aggregates.length + 1,
    fetchMethod: async (key, _stale, { context }) => {
      const at = await foldAccountAt(context, this.nearest(context));
      if ("position" in context.asOf) {
        const { past: _, ...log } = context.log;
        this.kept.set(key, { accountId: context.accountId, position: context.asOf.position, log });
      }
      return at;
    },
    dispose: (_value, key) => this.kept.delete(key),
  });

  /** The heads of the latest logs this account's kept answers were folded from. */
  headsOf(accountId: string): number[] {
    const heads = new Set<number>();
    for (const point of this.kept.values()) if (point.accountId === accountId) heads.add(point.log.head);
    return [...heads].sort((a, b) => b - a).slice(0, HEADS_ASKED);
  }

  /**
   * A kept answer holds for the log as it is now when the log has not changed,
   * or when everything appended since lies past the head the answer was folded
   * under (and past its position), rewrites nothing, and erased nothing.
   */
  private holds(point: KeptPoint, log: AccountLog): boolean {
    if (point.log.fingerprint === log.fingerprint) return true;
    const past = log.past.get(point.log.head);
    return (
      point.position <= point.log.head &&
      point.log.erased === log.erased &&
      past !== undefined &&
      !past.rewrites &&
      past.events === log.events - point.log.events
    );
  }

  /** The kept answer nearest the position asked that still holds. */
  private nearest({ accountId, asOf, log }: FoldRequest): { position: number; at: AccountAt } | undefined {
    if (!("position" in asOf)) return undefined;
    const distance = (position: number) => Math.abs(position - asOf.position);
    let best: { position: number; at: AccountAt } | undefined;
    for (const [key, point] of this.kept) {
      if (point.accountId !== accountId || (best && distance(best.position) <= distance(point.position))) continue;
      if (!this.holds(point, log)) continue;
      const at = this.cache.peek(key);
      if (at) best = { position: point.position, at };
    }
    return best;
  }
}
const folds = new WeakMap<HistoryStore, AccountFolds>();
function foldsOf(store: HistoryStore): AccountFolds {
  let kept = folds.get(store);
  if (!kept) folds.set(store, (kept = new AccountFolds()));
  return kept;
}

/**
 * Every aggregate of an account as it was at a point, folded from the log by
 * the deciders' evolve (history snapshots keep long streams quick), and the
 * header's figures computed from those states by the read model's own rules.
 * The answer is shared between readers: treat it as read-only.
 */
export async function accountAt(store: HistoryStore, accountId: string, asOf: AsOf): Promise<AccountAt> {
  const kept = foldsOf(store);
  const log = await store.accountLog(accountId, kept.headsOf(accountId));
  const key = JSON.stringify([accountId, asOf, log.fingerprint]);
  return (await kept.cache.fetch(key, { context: { store, accountId, asOf, log } }))!;
}

async function foldAccountAt(
  { store, accountId, asOf }: FoldRequest,
  base: { position: number; at: AccountAt } | undefined,
): Promise<AccountAt> {
  const byStream = new Map(base?.at.aggregates.map((a) => [a.streamId, a]));
  let loaded: StreamAt[];
  let foldedOn = false;
  if (base && "position" in asOf) {
    // The kept answer holds: only streams with an event in between can differ from it. Below
    // the point they fold on from its states; above it, they are folded afresh (one begun in
    // between is not there yet) and the others are as it has them.
    const [low, high] = [Math.min(base.position, asOf.position), Math.max(base.position, asOf.position)];
    const changed = await store.accountStreamsChangedBetween(accountId, low, high);
    foldedOn = base.position <= asOf.position;
    const folded = foldedOn ? { position: base.position, states: byStream } : undefined;
    loaded = await store.loadStreamsAt(changed, asOf, historyFoldOf, folded);
  } else {
    // A stream begun after a position had no state there; on the time axes every stream is asked.
    const streamIds = await store.accountStreamIds(accountId, "position" in asOf ? asOf.position : undefined);
    loaded = await store.loadStreamsAt(streamIds, asOf, historyFoldOf);
  }
  const refolded = new Map<string, AggregateAt | null>();
  for (const at of loaded) {
    if (at.version === 0 || !Object.hasOwn(aggregates, at.streamType)) refolded.set(at.streamId, null);
    else refolded.set(at.streamId, toAggregate(at, foldedOn ? byStream.get(at.streamId) : undefined));
  }
  const found = [
    ...(base?.at.aggregates.filter((a) => !refolded.has(a.streamId)) ?? []),
    ...[...refolded.values()].filter((a) => a !== null),
  ].sort((a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.lastPosition ?? 0) - (b.lastPosition ?? 0));
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
