import type { HistoryPoint } from "@/lib/history/points";
import { asOfPoint, parsePoint, pointParam } from "@/lib/history/points";
import { createVerifier } from "@/lib/verification/load";
import type { InvoiceVerification } from "@/lib/verification/types";
import { one, type QueryDeps, type SearchParams } from "./params";

export interface InvoiceVerificationView {
  verification: InvoiceVerification | null;
  /** The point verified at, as the URL names it (`verifyAt`); null: now. */
  at: string | null;
  /** A `verifyAt` the page could not read, in words. */
  problem: string | null;
}

/**
 * "What this invoice should say": the invoice re-derived from the log, now or
 * at `?verifyAt=` (a position, or a time: what was true then). Only for the
 * roles that may verify; the page asks before calling.
 */
export async function readInvoiceVerification(
  deps: QueryDeps,
  invoiceId: string,
  params: SearchParams,
): Promise<InvoiceVerificationView> {
  const raw = one(params.verifyAt);
  let point: HistoryPoint | null = null;
  if (raw) {
    try {
      point = parsePoint(raw, undefined, "verifyAt");
    } catch (error) {
      return { verification: null, at: null, problem: (error as Error).message };
    }
  }
  const verification = await createVerifier(deps).verify(invoiceId, point ? asOfPoint(point) : undefined);
  return { verification, at: point ? pointParam(point) : null, problem: null };
}
