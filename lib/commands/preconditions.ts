import { aggregates, type AccountState, DomainError, type StreamKind } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { EventStore } from "@/lib/event-store";
import type { CommandScope } from "./ports";

const NOUN: Record<StreamKind, string> = {
  account: "account",
  subscription: "subscription",
  invoice: "invoice",
  lead: "lead",
  pricelist: "price list",
  approval: "approval request",
  operations: "operations console",
};

/** Billing commands (a subscription's, a new invoice's) need an open customer account. */
export const readsAccount = (kind: StreamKind, creates: boolean) =>
  kind === "subscription" || (kind === "invoice" && creates);

/**
 * What must exist before a command runs, beyond its own aggregate's rules:
 * its target (unless the command creates it), and for billing commands an
 * open customer account. These cross aggregates, so they live here, not in
 * the pure deciders.
 */
export async function checkPreconditions(
  store: Pick<EventStore, "loadAggregate">,
  args: {
    kind: StreamKind;
    targetId: string;
    version: number;
    creates: boolean;
    accountId: string | null;
    /** The account, when it was read with the target (load-target.ts). */
    account?: { state: unknown; version: number };
  },
  scope?: CommandScope,
): Promise<void> {
  const { kind, targetId, version, creates, accountId } = args;
  if (!creates && version === 0 && kind !== "subscription") {
    throw new NotFoundError(`No ${NOUN[kind]} "${targetId}" exists.`);
  }
  if (!readsAccount(kind, creates)) return;
  if (!accountId) throw new NotFoundError("The command names no account.");
  const earlier = args.account ?? (scope?.followUp ? scope.accounts.get(accountId) : undefined);
  const loaded =
    earlier ?? (await store.loadAggregate(`account-${accountId}`, aggregates.account.decider, { kept: true }));
  scope?.accounts.set(accountId, loaded);
  const { state, version: accountVersion } = loaded;
  if (accountVersion === 0) throw new NotFoundError(`No account "${accountId}" exists.`);
  const account = state as AccountState;
  if (account.status === "closed") {
    throw new DomainError(
      "ACCOUNT_CLOSED",
      `The account ${account.name} was closed on ${account.closedAt?.slice(0, 10)}; it can't be billed or change plans.`,
      { accountId },
    );
  }
}
