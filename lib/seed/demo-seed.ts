import { createApiToken } from "@/lib/auth/api-tokens";
import { runBillingClock } from "@/lib/automation/billing-clock";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import type { Runtime } from "@/lib/server/runtime";
import { DEMO_TOKEN_HOLDERS } from "./demo-actors";
import { generatedAccount } from "./population";
import { Random } from "./random";
import { Seeder } from "./seeder";
import { badDeployment } from "./stories/bad-deployment";
import { classicStories } from "./stories/classic";
import { coupon, disputedInvoice, duplicatedDowngrade, tripleDelivery } from "./stories/disputes";
import { leadsAndScores } from "./stories/leads";
import { priceChange, trialsAroundThePriceChange } from "./stories/pricing";

const PRICE_LIST = `pricelist-${STANDARD_PRICE_LIST}`;

export interface SeedOptions {
  /** The demo's "today"; its history spans the two years before. */
  now?: Date;
  /** The same number gives the same accounts, plans, seats and stories (LEDGERLINE_DEMO_SEED). */
  seed?: number;
  /** Generated customers besides the stories' accounts. */
  accounts?: number;
  /** Accounts generated at once (1 on the embedded database, which is one session). */
  concurrency?: number;
  /** Called as the seed goes: how many of the steps are done. */
  onProgress?: (done: number, total: number, step: string) => void;
}

/** LEDGERLINE_DEMO_SEED (the seed number) and LEDGERLINE_DEMO_ACCOUNTS (generated customers). */
export function demoSeedOptions(env: Record<string, string | undefined>): Pick<SeedOptions, "seed" | "accounts"> {
  const number = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
  return { seed: number(env.LEDGERLINE_DEMO_SEED), accounts: number(env.LEDGERLINE_DEMO_ACCOUNTS) };
}

async function inPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, size) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * Demo data for trying the app: two years of a SaaS company's billing
 * history, written through the same command handler and billing webhook
 * endpoint as everything else (so policies issue the invoices), backdated in
 * business time: the stories of README's "Stories to try" and a few hundred
 * generated customers. Runs once: an existing demo account means it is there.
 */
export async function seedDemoData(
  runtime: Runtime,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; events: number }> {
  const { now = new Date(), concurrency = 1, onProgress = () => undefined } = options;
  const seed = options.seed ?? 7;
  const accounts = options.accounts ?? 200;
  for (const principal of DEMO_TOKEN_HOLDERS) {
    await createApiToken(runtime.db, {
      name: principal.name,
      role: principal.role,
      principalType: principal.type,
      principalId: principal.id,
      token: principal.token,
    });
  }
  if ((await runtime.store.streamVersion("account-acme")) > 0) return { seeded: false, events: 0 };
  const countEvents = () => runtime.db.prisma.event.count();
  const before = await countEvents();

  const s = new Seeder(runtime, now, new Random(seed));
  const stories: [string, () => Promise<string[] | void>][] = [
    // Written before account-acme, so a first boot stopped in between must not repeat it (it would be refused).
    [
      "the price change",
      async () => {
        if ((await runtime.store.streamVersion(PRICE_LIST)) === 0) await priceChange(s);
      },
    ],
    ["the first accounts", () => classicStories(s)],
    ["the duplicated downgrade", () => duplicatedDowngrade(s)],
    ["the disputed invoice", () => disputedInvoice(s)],
    ["the thrice-delivered webhook", () => tripleDelivery(s)],
    ["the coupon", () => coupon(s)],
    ["the bad deployment", () => badDeployment(s)],
    ["trials around the price change", () => trialsAroundThePriceChange(s)],
    ["leads and their scores", () => leadsAndScores(s)],
  ];
  const total = stories.length + accounts + 1;
  let done = 0;
  const storyAccounts: string[] = [];
  for (const [step, tell] of stories) {
    storyAccounts.push(...((await tell()) ?? []));
    onProgress(++done, total, step);
  }
  await inPool(
    Array.from({ length: accounts }, (_, n) => n),
    concurrency,
    async (n) => {
      await generatedAccount(s, n);
      onProgress(++done, total, "generated customers");
    },
  );
  // Bring every subscription to the present: renewals billed and paid, cancellations completed.
  await inPool(storyAccounts, concurrency, (accountId) =>
    s
      .forAccount(accountId)
      .advance(accountId, now)
      .then(() => undefined),
  );
  await runBillingClock(runtime, now);
  onProgress(++done, total, "today");
  return { seeded: true, events: (await countEvents()) - before };
}
