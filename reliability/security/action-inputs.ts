/**
 * What each server action is posted with: input it accepts, so that an
 * allowed caller gets past the gate and, where the fixture allows, does the
 * thing (an admin pauses and resumes a projection, erases a closed account,
 * approves a held credit note...). In the order they run.
 */
import type { Fixture } from "./fixture";

const reason = "security matrix";
const projection = { projection: "revenue-movements", reason };
const seats = (fx: Fixture) => ({ type: "ChangeSeats", targetId: fx.accountId, fields: { seats: "11" }, reason });

export const ACTION_INPUTS: Record<string, (fx: Fixture) => unknown> = {
  pauseProjection: () => projection,
  resumeProjection: () => projection,
  // Nothing has failed: both pass the gate and are refused by the engine, recording nothing.
  retryProjection: () => projection,
  skipProjectionEvent: () => projection,
  rebuildProjection: () => projection,
  runConsistencyCheck: () => ({ sample: 3, reason }),
  verifyChain: (fx) => ({ scope: `account-${fx.accountId}`, reason }),
  startReconciliation: (fx) => ({ period: fx.period }),
  previewCorrection: seats,
  confirmCorrection: async (fx) => ({
    ...seats(fx),
    expectedVersion: await fx.version(`subscription-${fx.accountId}`),
  }),
  supersedeEvent: (fx) => ({ position: fx.supersedable, reason }),
  erasePersonalData: (fx) => ({ accountId: fx.closedAccountId, reason }),
  approveRequest: (fx) => ({ approvalId: fx.approvals[0], reason }),
  rejectRequest: (fx) => ({ approvalId: fx.approvals[1], reason }),
};
