import { type GatedCommandType, GATED_COMMANDS } from "@/lib/domain/approval/commands";
import type { InvoiceState } from "@/lib/domain";
import { aggregates, commandDefinitions } from "@/lib/domain";
import type { CommandRequest } from "@/lib/commands/handle-command";
import type { CommandStore } from "@/lib/commands/ports";
import { ConcurrencyError } from "@/lib/event-store";

/** 500.00 in the invoice's currency (minor units), unless LEDGERLINE_APPROVAL_THRESHOLD says otherwise. */
export const DEFAULT_APPROVAL_THRESHOLD = 50_000;

export function approvalThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LEDGERLINE_APPROVAL_THRESHOLD?.trim();
  if (!raw) return DEFAULT_APPROVAL_THRESHOLD;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`LEDGERLINE_APPROVAL_THRESHOLD must be a whole number of minor units (e.g. 50000), not "${raw}"`);
  }
  return value;
}

const isGated = (type: string): type is GatedCommandType => (GATED_COMMANDS as readonly string[]).includes(type);

/**
 * Four eyes: a credit note or refund a person asks for above the threshold
 * becomes a request for a second admin's approval (a RequestApproval on its
 * own stream) instead; nothing is written to the invoice. Our own policies'
 * corrections (a downgrade's credit, the approved correction itself) pass.
 * Returns the request to issue instead, or null when the command may run.
 */
export async function approvalRequestFor(
  store: Pick<CommandStore, "loadAggregate">,
  request: CommandRequest,
  threshold = approvalThreshold(),
): Promise<CommandRequest | null> {
  if (!isGated(request.type) || !("principal" in request.caller)) return null;
  // Invalid data is the command's own refusal to make, in its own words.
  const parsed = commandDefinitions[request.type].schema.safeParse(request.data);
  if (!parsed.success) return null;
  const data = request.data as Record<string, unknown>;
  const amount = data.amount;
  if (typeof amount !== "number" || amount <= threshold || typeof data.invoiceId !== "string") return null;
  const { state, version } = await store.loadAggregate(`invoice-${data.invoiceId}`, aggregates.invoice.decider);
  const invoice = state as InvoiceState;
  // An unknown invoice is the command's own refusal to make, in its own words.
  if (version === 0 || invoice.status === "none") return null;
  // The admin confirmed what they saw: if the invoice moved since, they must look again.
  if (request.expectedVersion !== undefined && request.expectedVersion !== version) {
    throw new ConcurrencyError(`invoice-${data.invoiceId}`, request.expectedVersion, version);
  }
  const { reason, ...commandData } = { ...data, reason: request.reason ?? data.reason };
  return {
    ...request,
    type: "RequestApproval",
    // The correction keeps its reason, so the approved command reads as it was asked.
    data: {
      accountId: invoice.accountId,
      invoiceId: data.invoiceId,
      commandType: request.type,
      commandData: { ...commandData, reason },
      amount,
      currency: invoice.currency,
      threshold,
      reason,
    },
    expectedVersion: undefined,
  };
}
