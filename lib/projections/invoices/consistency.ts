import type { InvoiceState } from "@/lib/domain";
import type { RmInvoice } from "@/lib/generated/prisma/client";
import type { Runtime } from "@/lib/server/runtime";
import { compareFields, type Difference, idsToCheck } from "../shared/difference";
import { evolveWith, initialStateOf } from "../shared/fold";
import { INVOICES } from "./projection";

/**
 * Replays each invoice's stream with the domain's decider and compares the
 * live rm_invoices row field by field. Run it on a caught-up projection:
 * events it has not applied yet show as differences.
 */
export async function checkInvoices(runtime: Runtime, ids: string[] | "all", sample?: number): Promise<Difference[]> {
  const prisma = runtime.db.prisma;
  let known: string[] = [];
  if (ids === "all") {
    const streams = await prisma.stream.findMany({ where: { streamType: "invoice" }, select: { streamId: true } });
    const rows = await prisma.rmInvoice.findMany({ select: { invoiceId: true } });
    known = [...streams.map((s) => s.streamId.slice("invoice-".length)), ...rows.map((r) => r.invoiceId)];
  }
  const chosen = idsToCheck(known, ids, sample);
  const rows = await prisma.rmInvoice.findMany({ where: { invoiceId: { in: chosen } } });
  const byId = new Map(rows.map((row) => [row.invoiceId, row]));
  const differences: Difference[] = [];
  for (const invoiceId of chosen) {
    const { state } = await runtime.store.loadAggregate<InvoiceState>(`invoice-${invoiceId}`, {
      initialState: () => initialStateOf("invoice"),
      evolve: (s, event) => evolveWith("invoice", s, event),
    });
    const expected =
      state.status === "none"
        ? null
        : {
            status: state.status,
            charged: state.charged,
            credited: state.credited,
            paid: state.paid,
            refunded: state.refunded,
            balance: state.balance,
            currency: state.currency,
          };
    const row = byId.get(invoiceId);
    differences.push(...compareFields(INVOICES, invoiceId, expected, row ? actualOf(row) : null));
  }
  return differences;
}

function actualOf(row: RmInvoice): Record<string, unknown> {
  return {
    status: row.status,
    charged: Number(row.charged),
    credited: Number(row.credited),
    paid: Number(row.paid),
    refunded: Number(row.refunded),
    balance: Number(row.balance),
    currency: row.currency,
  };
}
