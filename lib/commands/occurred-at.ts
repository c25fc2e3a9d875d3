import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";

const DAY_MS = 86_400_000;

/** How far back a command may state when it happened (LEDGERLINE_MAX_BACKDATE_DAYS, default 90). */
export function maxBackdateDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.LEDGERLINE_MAX_BACKDATE_DAYS ?? 90);
  return Number.isFinite(days) && days >= 0 ? days : 90;
}

const ZOccurredAt = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time, e.g. 2026-03-01T12:00:00Z" });

/** The command whose data it is: its type, and `backdate: false` if it takes effect from when it is recorded. */
export type OccurredAtRules = { type: string; backdate?: boolean };

/**
 * Every command body may say when the change happened in the business
 * (`occurredAt`), for recording something that happened earlier: never in the
 * future, and at most the backdating limit ago. The command is then decided as
 * of that time and its events carry it as their business time; the store
 * still records when they were written. Returns the data without the field.
 */
export function takeOccurredAt(
  data: unknown,
  clock: Date,
  command: OccurredAtRules,
  maxDays = maxBackdateDays(),
): { data: unknown; occurredAt: Date | null } {
  if (typeof data !== "object" || data === null || Array.isArray(data) || !("occurredAt" in data)) {
    return { data, occurredAt: null };
  }
  const { occurredAt: raw, ...rest } = data as Record<string, unknown>;
  if (command.backdate === false) {
    // Its rules compare with the real clock; a stated past time would slip a change in before them.
    throw new InvalidInputError(`${command.type} can't be backdated`, [
      {
        path: "data.occurredAt",
        message: `must be left out: ${command.type} takes effect from when it is recorded, never earlier, so what came before stands`,
      },
    ]);
  }
  const fail = (message: string) =>
    new InvalidInputError("The command's occurredAt is not allowed", [{ path: "data.occurredAt", message }]);
  const parsed = ZOccurredAt.safeParse(raw);
  if (!parsed.success) throw fail(parsed.error.issues[0]!.message);
  const occurredAt = new Date(parsed.data);
  if (occurredAt.getTime() > clock.getTime()) throw fail("must not be in the future");
  if (clock.getTime() - occurredAt.getTime() > maxDays * DAY_MS) {
    throw fail(`must be at most ${maxDays} days ago (the backdating limit)`);
  }
  return { data: rest, occurredAt };
}
