import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { subscriptionCommandSchemas, type SubscriptionCommand } from "./commands";
import { decideSubscription } from "./decide";
import type { SubscriptionEvent } from "./events";
import { evolveSubscription } from "./evolve";
import { initialSubscriptionState, type SubscriptionState } from "./state";

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  initialState: initialSubscriptionState,
  decide: decideSubscription,
  evolve: evolveSubscription,
};

/** Snapshot every 25 events; bump schemaVersion whenever SubscriptionState's shape changes. */
export const subscriptionSnapshotPolicy = { schemaVersion: 1, every: 25 } as const;

const onAccount = { targetKey: "accountId" } as const;

/** Stream `subscription-<accountId>` (one subscription per account). `ids`: the invoice a decision may open. */
export const subscriptionCommandDefinitions = defineCommands(
  "subscription",
  subscriptionCommandSchemas,
  subscriptionDecider,
  {
    PurchasePlan: { ...onAccount, ids: 1, prices: true },
    UpgradePlan: { ...onAccount, ids: 1, prices: true },
    DowngradePlan: { ...onAccount, prices: true },
    ChangeSeats: { ...onAccount, ids: 1 },
    ApplyCoupon: onAccount,
    RemoveCoupon: onAccount,
    PauseSubscription: onAccount,
    ResumeSubscription: { ...onAccount, ids: 1, prices: true },
    ScheduleCancellation: onAccount,
    RevokeCancellation: onAccount,
    CancelSubscription: onAccount,
    RenewSubscription: { ...onAccount, ids: 1, prices: true },
    StartTrial: onAccount,
    ConvertTrial: { ...onAccount, ids: 1, prices: true },
  },
);
