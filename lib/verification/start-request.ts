import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store/registry";
import { asOfPoint, parsePoint, pointParam } from "@/lib/history/points";
import { periodOf, ZPeriodQuery } from "./period";
import type { StartRequest } from "./jobs";

/** What starting a reconciliation takes, from a form, a query string or a JSON body. */
export const ZStartReconciliation = z
  .object({
    period: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    /** A global position or an ISO time (what was true then, on the effective axis); omitted: now. */
    asOf: z.string().trim().max(40).optional(),
  })
  .strict();

/** The period and point an input names; a bad one is a 400 that says what is wrong. */
export function startRequestOf(
  input: z.input<typeof ZStartReconciliation>,
  requestedBy: string,
  path = "body",
): StartRequest {
  const parsed = ZPeriodQuery.safeParse({
    period: input.period || undefined,
    from: input.from || undefined,
    to: input.to || undefined,
  });
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]!.message, zodIssues(parsed.error, path));
  const asOf = input.asOf ? parsePoint(input.asOf, undefined, "asOf") : null;
  return {
    period: periodOf(parsed.data),
    asOf: asOf ? { param: pointParam(asOf), point: asOfPoint(asOf) } : null,
    requestedBy,
  };
}
