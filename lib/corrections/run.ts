import { approvalRequestFor } from "@/lib/automation/four-eyes";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Principal } from "@/lib/auth/permissions";
import type { CommandRequest } from "@/lib/commands/handle-command";
import { type CommandPreview, previewCommand } from "@/lib/commands/preview-command";
import { aggregates, type InvoiceState, type StreamKind } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { ConcurrencyError, type EventStore, streamTypeOf } from "@/lib/event-store";
import { type AggregateDiff, diffAggregates } from "@/lib/history/diff";
import { renderPhrase, renderSentence } from "@/lib/timeline/renderers";
import { type Correction, correctionOf } from "./catalog";
import { commandDataOf } from "./form-data";

/** What the admin sent: which correction, on what, the fields as typed, why, and the version they saw. */
export interface CorrectionInput {
  type: string;
  targetId: string;
  fields: Record<string, string>;
  reason: string;
  ticket?: string;
  expectedVersion?: number;
}

export interface PreviewView {
  commandType: string;
  label: string;
  streamId: string;
  /** The version decided on: a confirm sends it back as the expected version. */
  version: number;
  events: { type: string; phrase: string }[];
  diff: AggregateDiff;
  /** Above the four-eyes threshold: confirming asks a second admin instead of issuing. */
  needsApproval: boolean;
}

export type ConfirmOutcome =
  | { status: "done"; position: number | null; events: { type: string; phrase: string }[] }
  | { status: "pending"; approvalId: string }
  /** The record moved since the preview: nothing was written; what changed, and a fresh preview. */
  | { status: "conflict"; changes: string[]; preview: PreviewView };

type Deps = { store: EventStore };

function correctionFor(type: string): Correction {
  const correction = correctionOf(type);
  if (!correction) throw new NotFoundError(`There is no correction "${type}" on the pages.`);
  return correction;
}

/** Money fields are in the invoice's currency. */
async function currencyOf(store: EventStore, correction: Correction, targetId: string): Promise<string> {
  if (correction.target !== "invoice") return "USD";
  const { state } = await store.loadAggregate(`invoice-${targetId}`, aggregates.invoice.decider);
  const invoice = state as InvoiceState;
  return invoice.status === "none" ? "USD" : invoice.currency;
}

async function requestOf(deps: Deps, principal: Principal, requestId: string, input: CorrectionInput) {
  const correction = correctionFor(input.type);
  const currency = await currencyOf(deps.store, correction, input.targetId);
  const request: CommandRequest = {
    type: correction.type,
    data: commandDataOf(correction, input.targetId, input.fields, input.reason, currency),
    caller: { principal },
    source: "ui",
    requestId,
    reason: input.reason,
    ticket: input.ticket || null,
    expectedVersion: input.expectedVersion,
  };
  return { correction, request };
}

function view(correction: Correction, preview: CommandPreview, needsApproval: boolean): PreviewView {
  const kind = streamTypeOf(preview.streamId) as StreamKind;
  const at = (state: unknown, version: number, summary: string) => ({
    streamId: preview.streamId,
    kind,
    version,
    state,
    summary,
    lastPosition: null,
    lastOccurredAt: null,
  });
  const before = preview.version === 0 ? [] : [at(preview.before, preview.version, preview.summaryBefore)];
  const after = [at(preview.after, preview.version + preview.events.length, preview.summaryAfter)];
  return {
    commandType: correction.type,
    label: correction.label,
    streamId: preview.streamId,
    version: preview.version,
    events: preview.events.map((event) => ({ type: event.type, phrase: renderPhrase(event) })),
    diff: diffAggregates(before, after, { unchanged: false }).diffs[0] ?? {
      ...after[0]!,
      status: "unchanged",
      fromVersion: preview.version,
      toVersion: preview.version,
      currency: null,
      fields: [],
    },
    needsApproval,
  };
}

/** The correction decided on the current state by the same handler, nothing written. */
export async function previewCorrection(deps: Deps, principal: Principal, requestId: string, input: CorrectionInput) {
  const { correction, request } = await requestOf(deps, principal, requestId, { ...input, expectedVersion: undefined });
  const preview = await previewCommand(deps, request);
  const held = await approvalRequestFor(deps.store, request);
  return view(correction, preview, held !== null);
}

/**
 * Issues the correction with the version its preview was decided on. If the
 * record moved meanwhile nothing is written: the admin gets the events that
 * landed since, in words, and a fresh preview to confirm instead.
 */
export async function confirmCorrection(
  deps: Deps,
  principal: Principal,
  requestId: string,
  input: CorrectionInput,
): Promise<ConfirmOutcome> {
  const { request } = await requestOf(deps, principal, requestId, input);
  try {
    const result = await issueCommand(deps, request);
    if (result.pendingApproval) return { status: "pending", approvalId: result.pendingApproval };
    const written = await deps.store.readStream(result.streamId, {
      fromVersion: result.version - result.events.length + 1,
      toVersion: result.version,
    });
    return {
      status: "done",
      position: result.position,
      events: written.map((event) => ({ type: event.type, phrase: renderPhrase(event) })),
    };
  } catch (error) {
    if (!(error instanceof ConcurrencyError) || input.expectedVersion === undefined) throw error;
    const since = await deps.store.readStream(error.streamId, { fromVersion: input.expectedVersion + 1 });
    const preview = await previewCorrection(deps, principal, requestId, input);
    return { status: "conflict", changes: since.map((event) => renderSentence(event)), preview };
  }
}
