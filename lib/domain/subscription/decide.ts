import { assertNever } from "../shared/decider";
import type { SubscriptionCommand } from "./commands";
import { decideApplyCoupon, decideRemoveCoupon } from "./decide-coupon";
import {
  decideCancelSubscription,
  decidePauseSubscription,
  decideRenewSubscription,
  decideResumeSubscription,
  decideRevokeCancellation,
  decideScheduleCancellation,
} from "./decide-lifecycle";
import { decideConvertTrial, decideStartTrial } from "./decide-trial";
import { decideChangeSeats, decideDowngradePlan, decidePurchasePlan, decideUpgradePlan } from "./decide-plan";
import type { SubscriptionEvent } from "./events";
import type { SubscriptionState } from "./state";

export function decideSubscription(state: SubscriptionState, command: SubscriptionCommand): SubscriptionEvent[] {
  switch (command.type) {
    case "PurchasePlan":
      return decidePurchasePlan(state, command);
    case "UpgradePlan":
      return decideUpgradePlan(state, command);
    case "DowngradePlan":
      return decideDowngradePlan(state, command);
    case "ChangeSeats":
      return decideChangeSeats(state, command);
    case "ApplyCoupon":
      return decideApplyCoupon(state, command);
    case "RemoveCoupon":
      return decideRemoveCoupon(state, command);
    case "PauseSubscription":
      return decidePauseSubscription(state, command);
    case "ResumeSubscription":
      return decideResumeSubscription(state, command);
    case "ScheduleCancellation":
      return decideScheduleCancellation(state, command);
    case "RevokeCancellation":
      return decideRevokeCancellation(state, command);
    case "CancelSubscription":
      return decideCancelSubscription(state, command);
    case "RenewSubscription":
      return decideRenewSubscription(state, command);
    case "StartTrial":
      return decideStartTrial(state, command);
    case "ConvertTrial":
      return decideConvertTrial(state, command);
    default:
      return assertNever(command);
  }
}
