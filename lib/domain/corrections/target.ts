import type { StreamKind } from "../shared/command-definition";

/**
 * The event a SupersedeEvent names, as the handler looked it up: not folded
 * from a stream (its state is the event itself and whether it was superseded).
 */
export interface SupersedeTarget {
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  streamKind: StreamKind | string;
  version: number;
  /** The EventSuperseded that names it already, if any. */
  supersededBy: { position: number; at: string } | null;
}
