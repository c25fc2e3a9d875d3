import type { InvoiceStatus } from "@/lib/domain/invoice/state";
import type { ExpectedLine, LoggedEvent, SourceHistory } from "./rederive";

/** The invoices read model's figures for one invoice, as verification compares them. */
export interface ReadModelFigures extends Figures {
  status: InvoiceStatus;
  lineCount: number;
  lastPosition: number;
}

export interface Figures {
  charged: number;
  credited: number;
  paid: number;
  refunded: number;
  balance: number;
}

/** Everything verifying one invoice reads; the check itself is pure. */
export interface VerificationInput {
  invoiceId: string;
  /** The log position the reads were cut at: the answer holds for the log up to it. */
  position: number;
  /** The invoice's stream, in version order. */
  invoiceEvents: LoggedEvent[];
  /** By event id: each billing event a line bills for or a credit note compensates (subscription events only). */
  sources: Record<string, SourceHistory>;
  readModel: ReadModelFigures | null;
}

/** An event a line came from or a credit note names, for links. */
export interface EventRef {
  eventId: string;
  position: number | null;
  type: string | null;
}

export type LineStatus = "matches" | "netted" | "mismatch";

export interface LineCheck {
  recorded: ExpectedLine | null;
  expected: ExpectedLine | null;
  sources: EventRef[];
  /** recorded − expected, minor units: > 0 the customer was charged too much. */
  difference: number;
  status: LineStatus;
  /** Why it differs (empty when it matches). */
  reasons: string[];
  /** For a netted line: how it was put right. */
  note: string | null;
}

export type CreditKind = "correction" | "derived" | "discretionary";

export interface CreditCheck {
  creditNoteId: string;
  eventId: string;
  position: number;
  amount: number;
  reason: string;
  /** correction: puts right a line of this invoice; derived: billing's own credit (a downgrade); discretionary: a person's. */
  kind: CreditKind;
  compensates: EventRef | null;
  /** For a derived credit: what billing gives when re-derived. */
  expected: number | null;
  /** The part paid back as a refund in the same decision (the invoice was already paid). */
  refunded: { refundId: string; amount: number; position: number } | null;
}

export interface Mismatch {
  /** Signed minor units: > 0 the customer is charged too much; 0 when no amount is at stake (e.g. bookkeeping). */
  amount: number;
  /** The line, credit note or figure it concerns. */
  line: string;
  reason: string;
}

export interface InvoiceVerification {
  invoiceId: string;
  accountId: string;
  currency: string;
  status: "verified" | "mismatched";
  /** Verified because a correction nets out a wrong line. */
  corrected: boolean;
  position: number;
  issuedAt: string;
  invoiceStatus: InvoiceStatus;
  lines: LineCheck[];
  credits: CreditCheck[];
  figures: { recorded: Figures; expected: Figures; readModel: ReadModelFigures | null };
  mismatches: Mismatch[];
  /** Sum of the mismatches' amounts. */
  mismatchAmount: number;
  notes: string[];
}
