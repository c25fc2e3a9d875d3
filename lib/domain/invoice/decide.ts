import { assertNever } from "../shared/decider";
import type { InvoiceCommand } from "./commands";
import type { InvoiceEvent } from "./events";
import { decideIssueCreditNote, decideRefundPayment, decideVoidInvoice } from "./decide-corrections";
import {
  decideIssueInvoice,
  decideMarkUncollectible,
  decideRecordPayment,
  decideRecordPaymentFailure,
} from "./decide-billing";
import type { InvoiceState } from "./state";

export function decideInvoice(state: InvoiceState, command: InvoiceCommand): InvoiceEvent[] {
  switch (command.type) {
    case "IssueInvoice":
      return decideIssueInvoice(state, command);
    case "RecordPayment":
      return decideRecordPayment(state, command);
    case "RecordPaymentFailure":
      return decideRecordPaymentFailure(state, command);
    case "MarkInvoiceUncollectible":
      return decideMarkUncollectible(state, command);
    case "IssueCreditNote":
      return decideIssueCreditNote(state, command);
    case "VoidInvoice":
      return decideVoidInvoice(state, command);
    case "RefundPayment":
      return decideRefundPayment(state, command);
    default:
      return assertNever(command);
  }
}
