import type { ApprovalEvent } from "@/lib/domain";
import { money, type RenderersOf } from "./format";

/** "user:dana" → "dana": people are recorded by their principal ids. */
const who = (actor: string) => actor.replace(/^[a-z]+:/, "");

const WHAT = { IssueCreditNote: "a credit note", RefundPayment: "a refund" } as const;

export const approvalRenderers: RenderersOf<ApprovalEvent> = {
  ApprovalRequested: (d) =>
    `asked a second admin to approve ${WHAT[d.commandType]} of ${money(d.amount, d.currency)} on invoice ` +
    `${d.invoiceId} (above ${money(d.threshold, d.currency)})`,
  ApprovalGranted: (d) =>
    `approved ${WHAT[d.commandType]} of ${money(d.amount, d.currency)} on invoice ${d.invoiceId}, asked by ${who(d.requestedBy)}`,
  ApprovalRejected: (d) => `rejected the correction on invoice ${d.invoiceId} asked by ${who(d.requestedBy)}`,
};
