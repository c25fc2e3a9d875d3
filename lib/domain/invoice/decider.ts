import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { invoiceCommandSchemas, type InvoiceCommand } from "./commands";
import { decideInvoice } from "./decide";
import type { InvoiceEvent } from "./events";
import { evolveInvoice } from "./evolve";
import { initialInvoiceState, type InvoiceState } from "./state";

export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  initialState: initialInvoiceState,
  decide: decideInvoice,
  evolve: evolveInvoice,
};

const onInvoice = { targetKey: "invoiceId" } as const;

/** Stream `invoice-<invoiceId>`. Corrective commands need a reason and an admin (the handler checks the role). */
export const invoiceCommandDefinitions = defineCommands("invoice", invoiceCommandSchemas, invoiceDecider, {
  IssueInvoice: { ...onInvoice, creates: true },
  // ids: the credit note's id, then the refund's id if the credit exceeds the balance
  IssueCreditNote: { ...onInvoice, ids: 2, corrective: true },
  VoidInvoice: { ...onInvoice, corrective: true },
  RecordPayment: { ...onInvoice, ids: 1 },
  RecordPaymentFailure: onInvoice,
  RefundPayment: { ...onInvoice, ids: 1, corrective: true },
  MarkInvoiceUncollectible: { ...onInvoice, corrective: true },
});
