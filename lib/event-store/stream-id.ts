import { EventValidationError } from "./errors";

// "<kind>-<id>": account-…, subscription-…, invoice-…, lead-…
const STREAM_ID = /^([a-z][a-z0-9_]*)-([A-Za-z0-9][A-Za-z0-9_.:-]{0,127})$/;

/** The stream type is the part before the first dash. */
export function streamTypeOf(streamId: string): string {
  const match = STREAM_ID.exec(streamId);
  if (!match) {
    throw new EventValidationError("Invalid stream id", [
      { path: "streamId", message: `"${streamId}" is not of the form <kind>-<id>, e.g. account-acme` },
    ]);
  }
  return match[1]!;
}

export function streamIdFor(kind: string, id: string): string {
  const streamId = `${kind}-${id}`;
  streamTypeOf(streamId);
  return streamId;
}
