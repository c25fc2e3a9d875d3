import { describe, it } from "vitest";
import { billingPolicy } from "../billing/policy";
import { spec } from "../shared/decider-spec";
import { commandFrom } from "../shared/testing";
import { approvalCommandSchemas } from "./commands";
import { approvalDecider } from "./decider";
import type { ApprovalEvent } from "./events";
import { expect } from "vitest";

const s = spec(approvalDecider);
const NOW = "2026-06-01T10:00:00.000Z";
const as = <C extends { context: object }>(command: C, actor: string) => ({
  ...command,
  context: { ...command.context, actor },
});
const creditNote = { invoiceId: "inv1", amount: 80_000, reason: "Goodwill for the outage" };
const request = (amount = 80_000) =>
  as(
    commandFrom(
      approvalCommandSchemas,
      "RequestApproval",
      {
        approvalId: "ap1",
        accountId: "acme",
        invoiceId: "inv1",
        commandType: "IssueCreditNote",
        commandData: { ...creditNote, amount },
        amount,
        currency: "USD",
        threshold: 50_000,
        reason: "Goodwill for the outage",
      },
      NOW,
    ),
    "user:dana",
  );
const requested: ApprovalEvent = {
  type: "ApprovalRequested",
  data: {
    approvalId: "ap1",
    accountId: "acme",
    invoiceId: "inv1",
    commandType: "IssueCreditNote",
    commandData: creditNote,
    amount: 80_000,
    currency: "USD",
    threshold: 50_000,
    requestedBy: "user:dana",
  },
};
const approve = (actor: string) =>
  as(
    commandFrom(approvalCommandSchemas, "ApproveRequest", { approvalId: "ap1", reason: "Checked the ticket" }, NOW),
    actor,
  );
const rejectAs = (actor: string) =>
  as(commandFrom(approvalCommandSchemas, "RejectRequest", { approvalId: "ap1", reason: "Not our fault" }, NOW), actor);

describe("four eyes", () => {
  it("records the request with who asked, and nothing else", () => {
    s.given([]).when(request()).then([requested]);
  });

  it("refuses a request at or below the threshold: the correction needs no second admin", () => {
    s.given([])
      .when(request(50_000))
      .thenRejects("APPROVAL_NOT_NEEDED", /USD 500\.00/);
  });

  it("lets a second admin approve, carrying the correction exactly as asked", () => {
    const { threshold: _threshold, ...rest } = requested.data;
    s.given([requested])
      .when(approve("user:alex"))
      .then([{ type: "ApprovalGranted", data: { ...rest, approvedBy: "user:alex" } }]);
  });

  it("never lets the requester approve or reject their own request", () => {
    s.given([requested])
      .when(approve("user:dana"))
      .thenRejects("APPROVAL_BY_REQUESTER", /second admin/);
    s.given([requested]).when(rejectAs("user:dana")).thenRejects("APPROVAL_BY_REQUESTER");
  });

  it("decides a request once: a second approval or a rejection after it is refused", () => {
    const { threshold: _threshold, ...rest } = requested.data;
    const granted: ApprovalEvent = { type: "ApprovalGranted", data: { ...rest, approvedBy: "user:alex" } };
    s.given([requested, granted])
      .when(approve("user:sam"))
      .thenRejects("APPROVAL_ALREADY_DECIDED", /approved by user:alex/);
    s.given([requested, granted]).when(rejectAs("user:sam")).thenRejects("APPROVAL_ALREADY_DECIDED");
  });

  it("records a rejection, after which nothing can be approved", () => {
    const rejected: ApprovalEvent = {
      type: "ApprovalRejected",
      data: {
        approvalId: "ap1",
        accountId: "acme",
        invoiceId: "inv1",
        requestedBy: "user:dana",
        rejectedBy: "user:alex",
      },
    };
    s.given([requested]).when(rejectAs("user:alex")).then([rejected]);
    s.given([requested, rejected]).when(approve("user:sam")).thenRejects("APPROVAL_ALREADY_DECIDED");
  });

  it("refuses to decide a request that does not exist", () => {
    s.given([]).when(approve("user:alex")).thenRejects("APPROVAL_NOT_FOUND");
  });

  it("has the billing policy issue the approved correction, caused by the approval", () => {
    const { threshold: _threshold, ...rest } = requested.data;
    const commands = billingPolicy(
      {
        type: "ApprovalGranted",
        data: { ...rest, approvedBy: "user:alex" },
        eventId: "e1",
        streamId: "approval-ap1",
        accountId: "acme",
      },
      NOW,
    );
    expect(commands.map(({ type, data }) => ({ type, data }))).toEqual([{ type: "IssueCreditNote", data: creditNote }]);
  });
});
