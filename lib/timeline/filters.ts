import { z } from "zod";
import { domainEventDefinitions } from "@/lib/domain";
import { InvalidInputError } from "@/lib/errors";
import { ZSource, zodIssues } from "@/lib/event-store";

const EVENT_TYPES = new Set(domainEventDefinitions.map((d) => d.type));
const STREAM_KINDS = new Set(["account", "subscription", "invoice", "lead"]);

const csv = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

const ZInstant = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime()),
    "must be an ISO-8601 date or time",
  )
  .transform((v) => new Date(v));

/** The timeline's query string; unknown parameters are errors, not silently ignored. */
export const ZTimelineQuery = z
  .object({
    limit: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be 1 to 200")
      .max(200, "must be 1 to 200")
      .default(50),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, "must be the nextCursor of the previous page")
      .transform(Number)
      .optional(),
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
        (streams) => streams.every((s) => STREAM_KINDS.has(s) || /^[a-z]+-.+/.test(s)),
        "must be stream kinds (account, subscription, invoice, lead) or stream ids, comma-separated",
      )
      .optional(),
    actor: z.string().min(1).max(200).optional(),
    source: ZSource.optional(),
    appVersion: z.string().min(1).max(100).optional(),
    correlationId: z.string().min(1).max(200).optional(),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });

export type TimelineQuery = z.output<typeof ZTimelineQuery>;

export function parseTimelineQuery(params: URLSearchParams): TimelineQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  const parsed = ZTimelineQuery.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError("Invalid timeline query", zodIssues(parsed.error, "query"));
  return parsed.data;
}
