import { createHash, randomUUID } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import { EventValidationError, type ExpectedVersion } from "./errors";
import { ZEventMetadata } from "./metadata";
import { type EventRegistry, zodIssues } from "./registry";
import { streamTypeOf } from "./stream-id";
import type { AppendOptions, NewEvent } from "./types";

export const MAX_EVENTS_PER_APPEND = 500;

/** Validates everything before any SQL runs, so invalid input writes nothing. */
export function prepareAppend(registry: EventRegistry, streamId: string, events: NewEvent[], options: AppendOptions) {
  const streamType = streamTypeOf(streamId);
  if (events.length === 0 || events.length > MAX_EVENTS_PER_APPEND) {
    throw new EventValidationError("Invalid append", [
      { path: "events", message: `expected 1 to ${MAX_EVENTS_PER_APPEND} events, got ${events.length}` },
    ]);
  }
  checkExpectedVersion(options.expectedVersion);
  const parsedMetadata = ZEventMetadata.safeParse(options.metadata);
  if (!parsedMetadata.success) {
    throw new EventValidationError("Invalid event metadata", zodIssues(parsedMetadata.error, "metadata"));
  }
  const metadata = parsedMetadata.data;
  const prepared = events.map((event, index) => {
    try {
      const definition = registry.get(event.type);
      const data = registry.validate(event.type, event.data, event.schemaVersion);
      const schemaVersion = event.schemaVersion ?? definition.schemaVersion;
      return { ...event, eventId: event.eventId ?? randomUUID(), data, definition, schemaVersion };
    } catch (error) {
      if (error instanceof EventValidationError && events.length > 1) {
        throw new EventValidationError(`Event ${index + 1} of ${events.length} (${event.type})`, error.issues);
      }
      throw error;
    }
  });
  // Only a keyed append compares requests (canonicalising the events costs as much as hashing them).
  const idempotency = options.idempotency;
  const requestHash = !idempotency
    ? null
    : (idempotency.requestHash ??
      createHash("sha256")
        .update(canonicalJson({ streamId, events: prepared.map((e) => ({ type: e.type, data: e.data })) }))
        .digest("hex"));
  return { streamType, metadata, prepared, requestHash };
}

function checkExpectedVersion(expected: ExpectedVersion) {
  if (expected === "any" || expected === "no_stream") return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new EventValidationError("Invalid append", [
      { path: "expectedVersion", message: `must be a whole number >= 0, "no_stream" or "any"` },
    ]);
  }
}

export type Prepared = ReturnType<typeof prepareAppend>;
