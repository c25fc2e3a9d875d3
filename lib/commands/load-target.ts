import { aggregates } from "@/lib/domain";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import type { PriceChange, PriceListState } from "@/lib/domain/pricelist/state";
import { type Assumed, type Fold, type LoadedAggregate, streamIdFor } from "@/lib/event-store";
import type { CommandScope, CommandStore } from "./ports";
import { readsAccount } from "./preconditions";
import type { RoutedDefinition } from "./routing";

const PRICE_LIST_STREAM = streamIdFor("pricelist", STANDARD_PRICE_LIST);

/** The target as loaded, with what its decision reads beside it, read in the same query. */
export type LoadedTarget = LoadedAggregate<unknown> & {
  /** The account the open-account check reads (when its id was known before the load). */
  account?: { accountId: string; loaded: LoadedAggregate<unknown> };
  /** The standard price list's changes, for a decision that prices a period. */
  prices?: readonly PriceChange[];
};

/**
 * The target stream as it is now (for a command that names an event, that
 * event's stream, for its version), and in the same query what its decision
 * reads beside it: the customer account its rules check (unless a cause in
 * this command tree read it a moment ago) and the price list. One round trip
 * and one snapshot of the database instead of up to three; none, given
 * `assume`, where this process kept them all (the append checks them).
 */
export async function loadTarget(
  store: CommandStore,
  ctx: { definition: RoutedDefinition; data: Record<string, unknown>; eventPosition: number | null; streamId: string },
  scope?: CommandScope,
  assume?: Assumed[],
): Promise<LoadedTarget> {
  const { definition, data } = ctx;
  const named = ctx.eventPosition !== null;
  const fold = (named ? aggregates[definition.streamKind].decider : definition.decider) as Fold<unknown>;
  const accountId =
    !named &&
    readsAccount(definition.streamKind, Boolean(definition.creates)) &&
    typeof data.accountId === "string" &&
    !(scope?.followUp && scope.accounts.has(data.accountId))
      ? data.accountId
      : null;
  const prices = !named && definition.prices && ctx.streamId !== PRICE_LIST_STREAM;
  const besides = [
    ...(accountId ? [{ streamId: streamIdFor("account", accountId), fold: aggregates.account.decider }] : []),
    ...(prices ? [{ streamId: PRICE_LIST_STREAM, fold: aggregates.pricelist.decider }] : []),
  ] as { streamId: string; fold: Fold<unknown> }[];
  const from = { kept: true, assume };
  if (besides.length === 0) return store.loadAggregate(ctx.streamId, fold, from);
  const [target, ...rest] = await store.loadAggregates([{ streamId: ctx.streamId, fold }, ...besides], from);
  return {
    ...target!,
    ...(accountId ? { account: { accountId, loaded: rest.shift()! } } : {}),
    ...(prices ? { prices: (rest.shift()!.state as PriceListState).changes } : {}),
  };
}

/** The standard price list's changes, read on their own (a follow-up that creates its stream loads nothing). */
export async function loadPrices(store: CommandStore): Promise<readonly PriceChange[]> {
  const { state } = await store.loadAggregate(PRICE_LIST_STREAM, aggregates.pricelist.decider, { kept: true });
  return (state as PriceListState).changes;
}
