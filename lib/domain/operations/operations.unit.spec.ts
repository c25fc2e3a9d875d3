import { describe, expect, it } from "vitest";
import { spec } from "../shared/decider-spec";
import { commandFrom } from "../shared/testing";
import { operationsCommandSchemas } from "./commands";
import { operationsCommandDefinitions, operationsDecider } from "./decider";
import type { OperationsEvent } from "./events";
import { summarizeOperations } from "./state";

const s = spec(operationsDecider);
const NOW = "2026-05-20T09:00:00.000Z";
const on = { consoleId: "console", projection: "invoices", reason: "after the fix in 4.3.1" };
const command = <T extends keyof typeof operationsCommandSchemas>(
  type: T,
  data: Parameters<(typeof operationsCommandSchemas)[T]["parse"]>[0],
) => commandFrom(operationsCommandSchemas, type, data as never, NOW);

const skipped: OperationsEvent = {
  type: "ProjectionEventSkipped",
  data: { ...on, position: 42, eventId: "e-42", eventType: "InvoiceIssued", error: "boom" },
};

describe("projection operations", () => {
  it("records a rebuild request, a pause, a resume and a retry with the projection and the reason", () => {
    const { projection, reason } = on;
    s.given([])
      .when(command("RequestProjectionRebuild", { projection, reason }))
      .then([{ type: "ProjectionRebuildRequested", data: on }]);
    s.given([])
      .when(command("PauseProjection", { projection, reason }))
      .then([{ type: "ProjectionPaused", data: on }]);
    s.given([{ type: "ProjectionPaused", data: on }])
      .when(command("ResumeProjection", { projection, reason }))
      .then([{ type: "ProjectionResumed", data: on }]);
    s.given([])
      .when(command("RetryProjection", { projection, reason, position: 42 }))
      .then([{ type: "ProjectionRetried", data: { ...on, position: 42 } }]);
  });

  it("records a skip with the event and its error; the same event cannot be skipped twice", () => {
    const skip = command("SkipProjectionEvent", {
      projection: "invoices",
      reason: on.reason,
      position: 42,
      eventId: "e-42",
      eventType: "InvoiceIssued",
      error: "boom",
    });
    s.given([]).when(skip).then([skipped]);
    s.given([skipped])
      .when(skip)
      .thenRejects("EVENT_ALREADY_SKIPPED", /already skipped the event at position 42/);
    // Another projection may skip the same position.
    s.given([skipped])
      .when(command("SkipProjectionEvent", { projection: "account-summary", reason: on.reason, position: 42 }))
      .then([
        {
          type: "ProjectionEventSkipped",
          data: { ...on, projection: "account-summary", position: 42, eventId: null, eventType: null, error: null },
        },
      ]);
  });

  it("every operation needs a reason, a projection's name and (for a skip or retry) a position", () => {
    const issues = (type: keyof typeof operationsCommandSchemas, data: object) =>
      operationsCommandSchemas[type].safeParse(data).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues("PauseProjection", { projection: "invoices" })).toEqual(["reason"]);
    expect(issues("PauseProjection", { projection: "Invoices!", reason: "because" })).toEqual(["projection"]);
    expect(issues("SkipProjectionEvent", { projection: "invoices", reason: "because" })).toEqual(["position"]);
    expect(issues("RetryProjection", { projection: "invoices", reason: "because", position: 0 })).toEqual(["position"]);
    expect(issues("PauseProjection", { consoleId: "other", projection: "invoices", reason: "because" })).toEqual([
      "consoleId",
    ]);
  });
});

const verification = { reason: "quarterly audit", scope: "all", streamsChecked: 3, eventsChecked: 10 };

describe("checks and verifications", () => {
  it("records what a consistency check found", () => {
    s.given([])
      .when(
        command("RecordConsistencyCheck", {
          reason: "weekly",
          sample: 50,
          differences: 2,
          projections: ["account-summary", "invoices"],
        }),
      )
      .then([
        {
          type: "ConsistencyCheckRun",
          data: {
            consoleId: "console",
            reason: "weekly",
            sample: 50,
            accountId: null,
            differences: 2,
            projections: ["account-summary", "invoices"],
          },
        },
      ]);
  });

  it("records a verification with its first broken link, and refuses one that contradicts itself", () => {
    const firstProblem = { streamId: "account-acme", version: 4, message: "hash does not match" };
    s.given([])
      .when(command("RecordChainVerification", { ...verification, problems: 1, firstProblem }))
      .then([{ type: "ChainVerified", data: { consoleId: "console", ...verification, problems: 1, firstProblem } }]);
    s.given([])
      .when(command("RecordChainVerification", { ...verification, problems: 2, firstProblem: null }))
      .thenRejects("VERIFICATION_INCOHERENT", /must name the first broken link/);
    s.given([])
      .when(command("RecordChainVerification", { ...verification, problems: 0, firstProblem }))
      .thenRejects("VERIFICATION_INCOHERENT");
  });
});

describe("the operations console's stream", () => {
  it("is admin-only (operate), created by its first operation, never backdated", () => {
    for (const definition of Object.values(operationsCommandDefinitions)) {
      expect(definition).toMatchObject({ streamKind: "operations", targetKey: "consoleId", operation: true });
      expect(definition.creates).toBe(true);
      expect(definition.backdate).toBe(false);
    }
  });

  it("counts operations, remembers skips and the last verification", () => {
    const state = [
      { type: "ProjectionPaused", data: on } as OperationsEvent,
      skipped,
      {
        type: "ChainVerified",
        data: { consoleId: "console", ...verification, problems: 0, firstProblem: null },
      } as OperationsEvent,
    ].reduce(operationsDecider.evolve, operationsDecider.initialState());
    expect(state).toMatchObject({ accountId: "operations-console", operations: 3, skipped: ["invoices@42"] });
    expect(summarizeOperations(state)).toBe(
      "3 operation(s) recorded; 1 event(s) skipped; last chain verification (all) found 0 problem(s).",
    );
  });
});
