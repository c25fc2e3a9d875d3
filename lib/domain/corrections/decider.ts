import type { CommandDefinition } from "../shared/command-definition";
import type { Decider } from "../shared/decider";
import { correctionCommandSchemas, type CorrectionCommand } from "./commands";
import { decideCorrection } from "./decide";
import type { CorrectionEvent } from "./events";
import type { SupersedeTarget } from "./target";

/** Its state is the named event, looked up by the handler, never folded: evolve leaves it as it is. */
export const correctionDecider: Decider<CorrectionCommand, CorrectionEvent, SupersedeTarget | null> = {
  initialState: () => null,
  decide: decideCorrection,
  evolve: (state) => state,
};

/** Appended to the stream of the event it names (data.position), whichever kind that is. */
export const correctionCommandDefinitions = {
  SupersedeEvent: {
    type: "SupersedeEvent",
    schema: correctionCommandSchemas.SupersedeEvent,
    streamKind: "event",
    targetKey: "position",
    corrective: true,
    backdate: false,
    decider: correctionDecider,
  },
} satisfies Record<
  string,
  CommandDefinition<"SupersedeEvent", CorrectionCommand["data"], SupersedeTarget | null, CorrectionEvent>
>;
