import { describe, it } from "vitest";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import { ACCOUNT, at, canceled, cancellationScheduled, purchased, sub, T0_END, trialStarted } from "./test-fixtures";

const s = spec(subscriptionDecider);

describe("ScheduleCancellation / RevokeCancellation / CancelSubscription", () => {
  it("schedules a cancellation at the period end", () => {
    s.given([purchased()])
      .when(sub("ScheduleCancellation", { when: "period_end" }, at("2025-01-20")))
      .then([cancellationScheduled()]);
  });

  it("cancels now: scheduled effective now and canceled in one decision", () => {
    const now = at("2025-01-20");
    s.given([purchased(), cancellationScheduled()])
      .when(sub("ScheduleCancellation", { when: "now" }, now))
      .then([
        {
          type: "CancellationScheduled",
          data: { accountId: ACCOUNT, when: "now", effectiveAt: now, scheduledAt: now },
        },
        { type: "SubscriptionCanceled", data: { accountId: ACCOUNT, canceledAt: now } },
      ]);
  });

  it("ends a trial at its trial end", () => {
    s.given([trialStarted()])
      .when(sub("ScheduleCancellation", { when: "period_end" }, at("2025-01-16")))
      .then([cancellationScheduled("2025-01-29T10:00:00.000Z", at("2025-01-16"))]);
  });

  it("rejects a second period-end cancellation, and any after it took effect", () => {
    s.given([purchased(), cancellationScheduled()])
      .when(sub("ScheduleCancellation", { when: "period_end" }, at("2025-01-21")))
      .thenRejects("CANCELLATION_ALREADY_SCHEDULED");
    s.given([purchased(), canceled()])
      .when(sub("ScheduleCancellation", { when: "now" }, at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_CANCELED");
    s.given([])
      .when(sub("ScheduleCancellation", { when: "now" }, at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_NOT_FOUND");
  });

  it("revokes a scheduled cancellation until it takes effect", () => {
    s.given([purchased(), cancellationScheduled()])
      .when(sub("RevokeCancellation", {}, at("2025-02-14")))
      .then([
        { type: "CancellationRevoked", data: { accountId: ACCOUNT, effectiveAt: T0_END, revokedAt: at("2025-02-14") } },
      ]);
    s.given([purchased(), cancellationScheduled()])
      .when(sub("RevokeCancellation", {}, T0_END))
      .thenRejects("CANCELLATION_ALREADY_EFFECTIVE");
    s.given([purchased()])
      .when(sub("RevokeCancellation", {}, at("2025-02-14")))
      .thenRejects("NO_CANCELLATION_SCHEDULED");
    s.given([purchased(), canceled()])
      .when(sub("RevokeCancellation", {}, at("2025-02-14")))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });

  it("completes a due cancellation (system), effective at its scheduled time", () => {
    s.given([purchased(), cancellationScheduled()])
      .when(sub("CancelSubscription", {}, at("2025-02-16")))
      .then([{ type: "SubscriptionCanceled", data: { accountId: ACCOUNT, canceledAt: T0_END } }]);
    s.given([purchased(), cancellationScheduled()])
      .when(sub("CancelSubscription", {}, at("2025-02-14")))
      .thenRejects("CANCELLATION_NOT_DUE");
    s.given([purchased()])
      .when(sub("CancelSubscription", {}, at("2025-02-14")))
      .thenRejects("NO_CANCELLATION_SCHEDULED");
    s.given([purchased(), canceled()])
      .when(sub("CancelSubscription", {}, at("2025-02-14")))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });
});
