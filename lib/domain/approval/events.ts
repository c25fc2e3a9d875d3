import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZPositiveAmount } from "../billing/money";
import { ZEntityId } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";
import { correctionFields } from "./commands";

const who = z.string().min(1).max(200);
const correction = { approvalId: ZEntityId, ...correctionFields };

/** An admin asked for a credit note or refund above the threshold: nothing is written to the invoice yet. */
export const ZApprovalRequested = z.object({ ...correction, threshold: ZPositiveAmount, requestedBy: who }).strict();
/** A second admin approved it: the billing policy now issues the correction, caused by this event. */
export const ZApprovalGranted = z.object({ ...correction, requestedBy: who, approvedBy: who }).strict();
/** A second admin turned it down: nothing is issued. */
export const ZApprovalRejected = z
  .object({ approvalId: ZEntityId, accountId: ZEntityId, invoiceId: ZEntityId, requestedBy: who, rejectedBy: who })
  .strict();

export const approvalEventSchemas = {
  ApprovalRequested: ZApprovalRequested,
  ApprovalGranted: ZApprovalGranted,
  ApprovalRejected: ZApprovalRejected,
};

export type ApprovalEvent = EventUnionOf<typeof approvalEventSchemas>;

/** No personal data: people are named by their principal ids. */
export const approvalEventDefinitions: EventDefinition[] = eventDefinitionsOf(approvalEventSchemas);
