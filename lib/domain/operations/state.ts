/** The operations console (stream `operations-<id>`): what admins did to the projections and the log. Plain JSON. */
export interface OperationsState {
  consoleId: string | null;
  /** Its events' timeline: `operations-<id>` (the console belongs to no customer). */
  accountId: string | null;
  operations: number;
  /** `<projection>@<position>` of every event skipped: skipping one twice is a mistake, not an operation. */
  skipped: string[];
  /** The last chain verification: "all" or a stream, and whether it found a broken link. */
  lastVerification: { scope: string; problems: number } | null;
}

export const initialOperationsState = (): OperationsState => ({
  consoleId: null,
  accountId: null,
  operations: 0,
  skipped: [],
  lastVerification: null,
});

export const skipKey = (projection: string, position: number) => `${projection}@${position}`;

/** One line for an API or a support screen. */
export function summarizeOperations(state: OperationsState): string {
  if (state.operations === 0) return "No operations recorded.";
  const verified = state.lastVerification
    ? `; last chain verification (${state.lastVerification.scope}) found ${state.lastVerification.problems} problem(s)`
    : "";
  return `${state.operations} operation(s) recorded; ${state.skipped.length} event(s) skipped${verified}.`;
}
