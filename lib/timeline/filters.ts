import { z } from "zod";
import { domainEventDefinitions, STREAM_KINDS } from "@/lib/domain";
import { InvalidInputError } from "@/lib/errors";
import { type ValidationIssue, ZSource, zodIssues } from "@/lib/event-store";
import type { SearchParams } from "@/lib/queries/params";

const EVENT_TYPES = new Set(domainEventDefinitions.map((d) => d.type));
const KINDS = new Set<string>(STREAM_KINDS);

const csv = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

const ZInstant = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime()),
    "must be an ISO-8601 date or time, e.g. 2026-03-01 or 2026-03-01T12:00:00Z",
  )
  .transform((v) => new Date(v));

/** The filters a timeline takes: the API's query, the account page's URL and the export's, with these names. */
const ZFilters = z.object({
  types: z
    .string()
    .transform(csv)
    .refine(
      (types) => types.every((t) => EVENT_TYPES.has(t)),
      "must be event types, comma-separated (e.g. PlanUpgraded,InvoiceIssued)",
    )
    .optional(),
  streams: z
    .string()
    .transform(csv)
    .refine(
      (streams) => streams.every((s) => KINDS.has(s) || /^[a-z]+-.+/.test(s)),
      `must be stream kinds (${STREAM_KINDS.join(", ")}) or stream ids, comma-separated`,
    )
    .optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  source: ZSource.optional(),
  appVersion: z.string().trim().min(1).max(100).optional(),
  correlationId: z.string().trim().min(1).max(200).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "must be the nextCursor of the previous page")
    .transform(Number)
    .optional(),
});

export type TimelineFilters = z.output<typeof ZFilters>;
export type FilterName = keyof TimelineFilters;
export const FILTER_NAMES = Object.keys(ZFilters.shape) as FilterName[];

const ZLimit = z.coerce
  .number()
  .int("must be a whole number")
  .min(1, "must be 1 to 200")
  .max(200, "must be 1 to 200")
  .default(50);

const fromBeforeTo = (q: TimelineFilters) => !q.from || !q.to || q.from < q.to;

/**
 * The API's and the export's query: the filters, a limit, and the endpoint's
 * own parameters (`extra`); anything else is an error, not silently ignored.
 */
export function parseTimelineQuery<E extends z.ZodRawShape = Record<never, never>>(
  params: URLSearchParams,
  extra: E = {} as E,
) {
  const schema = ZFilters.extend({ limit: ZLimit, ...extra })
    .strict()
    .refine((q) => fromBeforeTo(q as TimelineFilters), { message: "from must be before to", path: ["from"] });
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new InvalidInputError("Invalid timeline query", zodIssues(parsed.error, "query"));
  return parsed.data;
}

/** A global position in a query string (`waitFor`, `cursor`). */
export const ZPosition = z
  .string()
  .regex(/^\d{1,15}$/, "must be a global position, e.g. from a command's response")
  .transform(Number);

// A form's multiple select sends `types=A&types=B`; a link sends `types=A,B`: both mean the same.
const joined = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/**
 * A page's filters: each valid one is applied; an invalid one is reported
 * (shown above the timeline) and left out, so a mistyped link still opens.
 */
export function readPageFilters(params: SearchParams): { filters: TimelineFilters; problems: ValidationIssue[] } {
  const filters: Record<string, unknown> = {};
  const problems: ValidationIssue[] = [];
  for (const name of FILTER_NAMES) {
    const value = joined(params[name]);
    if (value === undefined || value === "") continue;
    const parsed = ZFilters.shape[name].safeParse(value);
    if (parsed.success) filters[name] = parsed.data;
    else problems.push({ path: name, message: parsed.error.issues[0]?.message ?? "is not valid" });
  }
  const result: TimelineFilters = filters;
  if (!fromBeforeTo(result)) {
    problems.push({ path: "from", message: "must be before to" });
    delete result.from;
  }
  return { filters: result, problems };
}

/** The filters as query parameters (the inverse of parsing), for links that reproduce a view. */
export function filterParams(filters: TimelineFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value === undefined) continue;
    params[name] = Array.isArray(value) ? value.join(",") : value instanceof Date ? value.toISOString() : String(value);
  }
  return params;
}
