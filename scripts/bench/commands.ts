/**
 * B7: commands end to end. Ledgerline: ChangeSeats through issueCommand (load
 * with snapshot, decide, append at the loaded version, then the billing
 * policy's invoice or credit note); Emmett: its CommandHandler with a small
 * seats decider (no policies); plain SQL: one INSERT per command, nothing
 * read (the floor). Many accounts (each writer its own) and one account.
 */
import { CommandHandler, isExpectedVersionConflictError } from "@event-driven-io/emmett";
import { issueCommand } from "@/lib/automation/issue-command";
import type { CommandResult } from "@/lib/commands/handle-command";
import { DomainError } from "@/lib/domain";
import { ConcurrencyError } from "@/lib/event-store";
import type { Systems } from "./databases";
import { metadataFor } from "./events";
import { interleaved, type Measurement, seconds, SYSTEMS, type System } from "./measure";

type Seats = { seats: number };
type SeatsChanged = {
  type: "SeatsChanged";
  data: { accountId: string; seatsBefore: number; seats: number; changedAt: string };
};
const handleSeats = CommandHandler<Seats, SeatsChanged>({
  initialState: () => ({ seats: 1 }),
  evolve: (_, event) => ({ seats: event.data.seats }),
  retry: { onVersionConflict: 10 },
});

const followUpsOf = (result: CommandResult): number => result.followUps.reduce((n, f) => n + 1 + followUpsOf(f), 0);

/** Opens `count` accounts with a plan, through the command handler (set-up, not timed). */
export async function openAccounts(systems: Systems, prefix: string, count: number, writers: number) {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  let next = 0;
  const issue = (type: string, data: Record<string, unknown>) =>
    issueCommand(systems.runtime, { type, data, caller: { system: "bench" }, source: "system" });
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < ids.length) {
        const accountId = ids[next++]!;
        await issue("OpenAccount", { accountId, name: "Bench Co", billingEmail: "b@b.example", currency: "USD" });
        await issue("PurchasePlan", { accountId, plan: "pro", interval: "monthly", seats: 2 });
      }
    }),
  );
  return ids;
}

/** `commands` seat changes by `writers` writers over `accounts` (writer w takes accounts w, w + writers, …). */
export async function changeSeats(
  systems: Systems,
  system: System,
  { accounts, commands, writers }: { accounts: string[]; commands: number; writers: number },
) {
  const counters = new Map<string, number>();
  const stats = { refused: 0, gaveUp: 0, followUps: 0 };
  const each = Math.ceil(commands / writers);
  const one = async (accountId: string) => {
    const n = (counters.get(accountId) ?? 0) + 1;
    counters.set(accountId, n);
    const seats = 2 + (n % 20);
    if (system === "plain") {
      const data = { accountId, seatsBefore: seats, seats, changedAt: new Date().toISOString() };
      await systems.plainPool.query(
        "INSERT INTO bench_plain_log (stream_id, type, data, metadata) VALUES ($1, 'SeatsChanged', $2, $3)",
        [`subscription-${accountId}`, data, metadataFor(accountId)],
      );
    } else if (system === "emmett") {
      await handleSeats(systems.emmett.store, `subscription-${accountId}`, (state) => {
        if (state.seats === seats) throw new DomainError("SEATS_UNCHANGED", "same seats");
        const changedAt = new Date().toISOString();
        return { type: "SeatsChanged", data: { accountId, seatsBefore: state.seats, seats, changedAt } };
      });
    } else {
      const result = await issueCommand(systems.runtime, {
        type: "ChangeSeats",
        data: { accountId, seats },
        caller: { system: "bench" },
        source: "system",
      });
      stats.followUps += followUpsOf(result);
    }
  };
  const elapsed = await seconds(() =>
    Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const mine = accounts.filter((_, i) => accounts.length < writers || i % writers === writer);
        for (let j = 0; j < each; j++) {
          await one(mine[j % mine.length]!).catch((error: unknown) => {
            // Refused by the rules, or still losing the race after the handler's retries: counted, not fatal.
            if (error instanceof DomainError) stats.refused++;
            else if (error instanceof ConcurrencyError || isExpectedVersionConflictError(error)) stats.gaveUp++;
            else throw error;
          });
        }
      }),
    ),
  );
  return { rate: (each * writers) / elapsed, ...stats };
}

export async function b7(
  systems: Systems,
  s: { runs: number; writers: number; b7Commands: number; b7OneStream: number; b7Accounts: number },
) {
  const many = await openAccounts(systems, `b7m${Date.now() % 100000}`, s.b7Accounts, s.writers);
  const one = await openAccounts(systems, `b7o${Date.now() % 100000}`, 1, 1);
  const out: Measurement[] = [];
  for (const [what, accounts, commands] of [
    [`ChangeSeats, ${s.writers} writers, ${s.b7Accounts} accounts, ${s.b7Commands} commands`, many, s.b7Commands],
    [`ChangeSeats, ${s.writers} writers, one account, ${s.b7OneStream} commands`, one, s.b7OneStream],
  ] as const) {
    const details: Record<string, { refused: number; gaveUp: number; followUps: number }[]> = {};
    const samples = await interleaved(s.runs, SYSTEMS, async (system) => {
      const result = await changeSeats(systems, system, { accounts: [...accounts], commands, writers: s.writers });
      (details[system] ??= []).push(result);
      return result.rate;
    });
    for (const system of SYSTEMS) {
      const runs = details[system]!;
      out.push({
        id: "B7",
        what,
        system,
        unit: "commands/s",
        better: "higher",
        samples: samples[system],
        extra: {
          refused: runs.reduce((n, r) => n + r.refused, 0),
          gaveUpAfterRetries: runs.reduce((n, r) => n + r.gaveUp, 0),
          policyCommands: runs.reduce((n, r) => n + r.followUps, 0),
        },
      });
    }
  }
  return out;
}
