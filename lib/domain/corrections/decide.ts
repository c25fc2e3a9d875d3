import { nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import type { CorrectionCommand } from "./commands";
import type { CorrectionEvent } from "./events";
import type { SupersedeTarget } from "./target";

/**
 * Events that can't be superseded, and why (docs/decisions/0005-supersede.md):
 * a stream's first event creates what everything after it changes; a closure
 * is final (erasure relies on it); corrections themselves are undone by
 * nothing but another recorded event, and the price list changes prices
 * only forward.
 */
const NEVER_SUPERSEDED: Readonly<Record<string, string>> = {
  AccountClosed: "a closed account stays closed; open a new account instead",
  EventSuperseded: "a supersession is itself a correction and can't be superseded",
  PersonalDataErased: "an erasure can't be undone",
};

export function decideCorrection(target: SupersedeTarget | null, command: CorrectionCommand): CorrectionEvent[] {
  const { position } = command.data;
  if (!target) reject("EVENT_NOT_FOUND", `There is no event at position ${position}.`, { position });
  if (target.supersededBy) {
    reject(
      "EVENT_ALREADY_SUPERSEDED",
      `The ${target.type} event at position ${position} was already superseded on ${target.supersededBy.at.slice(0, 10)} (by the event at position ${target.supersededBy.position}); it can't be superseded twice.`,
      { position, supersededBy: target.supersededBy.position },
    );
  }
  if (target.streamKind === "pricelist") {
    reject(
      "EVENT_NOT_SUPERSEDABLE",
      `The price list's events can't be superseded: a price change is corrected by another price change.`,
      { position },
    );
  }
  if (target.version === 1) {
    reject(
      "EVENT_NOT_SUPERSEDABLE",
      `The ${target.type} event at position ${position} created ${target.streamId}; everything after it builds on it, so it can't be superseded.`,
      { position },
    );
  }
  const why = NEVER_SUPERSEDED[target.type];
  if (why) reject("EVENT_NOT_SUPERSEDABLE", `The ${target.type} event can't be superseded: ${why}.`, { position });
  return [
    {
      type: "EventSuperseded",
      data: {
        position: target.position,
        eventId: target.eventId,
        eventType: target.type,
        streamVersion: target.version,
        supersededAt: nowOf(command),
      },
    },
  ];
}
