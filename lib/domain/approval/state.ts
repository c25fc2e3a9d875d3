import { formatMoney } from "../billing/money";
import type { GatedCommandType } from "./commands";

/** A request for a second admin's approval (stream `approval-<id>`). Plain JSON. */
export interface ApprovalState {
  status: "none" | "pending" | "approved" | "rejected";
  approvalId: string | null;
  accountId: string | null;
  invoiceId: string | null;
  commandType: GatedCommandType | null;
  commandData: Record<string, unknown> | null;
  amount: number;
  currency: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
}

export const initialApprovalState = (): ApprovalState => ({
  status: "none",
  approvalId: null,
  accountId: null,
  invoiceId: null,
  commandType: null,
  commandData: null,
  amount: 0,
  currency: null,
  requestedBy: null,
  decidedBy: null,
});

const NOUN: Record<GatedCommandType, string> = { IssueCreditNote: "Credit note", RefundPayment: "Refund" };

/** One line for an API or a support screen. */
export function summarizeApproval(state: ApprovalState): string {
  if (state.status === "none" || !state.commandType) return "No approval request.";
  const what = `${NOUN[state.commandType]} of ${formatMoney(state.amount, state.currency ?? "USD")} on invoice ${state.invoiceId}`;
  if (state.status === "pending") return `${what}, asked by ${state.requestedBy}: waiting for a second admin.`;
  return `${what}, asked by ${state.requestedBy}: ${state.status} by ${state.decidedBy}.`;
}
