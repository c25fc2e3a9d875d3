// Types for the tests that import scripts/verify-evidence.mjs (a plain-Node script with no build step).
export const FORMAT: string;
export const HASHED_FIELDS: string[];
export function canonicalJson(value: unknown): string;
export function hashEvent(event: Record<string, unknown>): string;

export interface EvidenceProblem {
  streamId?: string;
  version?: number;
  position?: number;
  eventId?: string;
  what: string;
}
export function checkStream(stream: unknown): { line: string; problems: EvidenceProblem[]; events: number };
export function verifyBundle(bundle: unknown): {
  ok: boolean;
  lines: string[];
  problems: EvidenceProblem[];
  events: number;
  streams?: number;
};
export function describeProblem(problem: EvidenceProblem): string;
