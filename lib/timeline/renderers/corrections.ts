import type { CorrectionEvent } from "@/lib/domain";
import type { RenderersOf } from "./format";

export const correctionRenderers: RenderersOf<CorrectionEvent> = {
  EventSuperseded: (d) => `superseded the ${d.eventType} event at position ${d.position}`,
};
