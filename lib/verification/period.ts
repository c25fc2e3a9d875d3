import { z } from "zod";

/** Invoices issued in [from, to): a calendar month or a range of whole UTC days. */
export interface Period {
  from: Date;
  to: Date;
  /** "2026-08" or "2026-08-03 to 2026-08-20" */
  label: string;
  /** The URL parameters that name it again. */
  params: Record<string, string>;
}

const MAX_DAYS = 366;
const DAY = 86_400_000;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "period must be a month, YYYY-MM (e.g. 2026-08)" });
const day = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${name} must be a day, YYYY-MM-DD` })
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        error: `${name} is not a calendar day`,
      },
    );

export const ZPeriodQuery = z
  .object({ period: month.optional(), from: day("from").optional(), to: day("to").optional() })
  .superRefine((q, ctx) => {
    if (q.period && (q.from || q.to))
      ctx.addIssue({ code: "custom", path: ["period"], message: "give either period or from and to, not both" });
    else if (!q.period && !(q.from && q.to))
      ctx.addIssue({
        code: "custom",
        path: ["period"],
        message: "give a period (YYYY-MM) or both from and to (YYYY-MM-DD)",
      });
    else if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY + 1;
      if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be on or after from" });
      if (days > MAX_DAYS)
        ctx.addIssue({ code: "custom", path: ["to"], message: `a range spans at most ${MAX_DAYS} days` });
    }
  });
export type PeriodQuery = z.input<typeof ZPeriodQuery>;

/** The period a valid query names (ZPeriodQuery has checked it). `to` is inclusive in the URL, exclusive here. */
export function periodOf(query: z.output<typeof ZPeriodQuery>): Period {
  if (query.period) {
    const from = new Date(`${query.period}-01T00:00:00Z`);
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    return { from, to, label: query.period, params: { period: query.period } };
  }
  const from = new Date(`${query.from}T00:00:00Z`);
  const to = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY);
  return { from, to, label: `${query.from} to ${query.to}`, params: { from: query.from!, to: query.to! } };
}

/** The same period from stored bounds (a run's row). */
export function periodFromBounds(from: Date, to: Date): Period {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const isMonth =
    from.getUTCDate() === 1 && to.getTime() === Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1);
  if (isMonth) {
    const p = iso(from).slice(0, 7);
    return { from, to, label: p, params: { period: p } };
  }
  const last = iso(new Date(to.getTime() - DAY));
  return { from, to, label: `${iso(from)} to ${last}`, params: { from: iso(from), to: last } };
}
