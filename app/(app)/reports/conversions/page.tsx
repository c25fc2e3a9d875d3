import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/timeline/local-time";
import { dateTimeSeconds, moneyOrDash, planOrDash } from "@/components/ui/format";
import { can } from "@/lib/auth/permissions";
import { pageAddress } from "@/lib/auth/return-path";
import { requireViewer } from "@/lib/auth/session";
import { BILLING_INTERVALS, PLAN_CODES } from "@/lib/domain/catalog/plans";
import { type ConversionRow, readConversionFilters, readConversions } from "@/lib/queries/conversions";
import { ConversionFigures } from "./figures";

export const metadata: Metadata = { title: "Trial conversions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10) ?? "";

function PriceCell({ row }: { row: ConversionRow }) {
  return (
    <>
      <span className="font-mono">{moneyOrDash(row.unitPrice ?? 0, row.currency)}</span>
      {row.priceChange ? (
        <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-800">
          new price since {row.priceChange.effectiveFrom.slice(0, 10)}
        </span>
      ) : (
        <span className="ml-2 text-xs text-slate-500">list price</span>
      )}
    </>
  );
}

/** Which trials converted, when, on which plan and at which price — beside the price list's changes. */
export default async function ConversionsPage({ searchParams }: Props) {
  const params = await searchParams;
  const viewer = await requireViewer("reports", pageAddress("/reports/conversions", params));
  const { filters, problems } = readConversionFilters(params);
  const { rows, outcomes, priceChanges, truncated } = await readConversions(filters);
  const query = new URLSearchParams(
    Object.entries({
      from: day(filters.from),
      to: day(filters.to),
      plan: filters.plan,
      interval: filters.interval,
    }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Trial conversions</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Which trials converted, when, and at which price per seat: the price each conversion was billed at is the
            one its event recorded, from the price list in effect at that moment.
          </p>
        </div>
        {can(viewer.role, "export") ? (
          <a
            href={`/api/reports/conversions?format=csv${query ? `&${query}` : ""}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Export CSV
          </a>
        ) : null}
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-xs" aria-label="Filter conversions">
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">Converted from</span>
          <input type="date" name="from" defaultValue={day(filters.from)} className={input} />
        </label>
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">until (exclusive)</span>
          <input type="date" name="to" defaultValue={day(filters.to)} className={input} />
        </label>
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">Plan</span>
          <select name="plan" defaultValue={filters.plan ?? ""} className={input}>
            <option value="">any</option>
            {PLAN_CODES.map((p) => (
              <option key={p} value={p}>
                {planOrDash(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">Interval</span>
          <select name="interval" defaultValue={filters.interval ?? ""} className={input}>
            <option value="">any</option>
            {BILLING_INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
          Apply
        </button>
      </form>
      {problems.length > 0 ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
          Left out: {problems.map((p) => `${p.path} ${p.message}`).join("; ")}.
        </p>
      ) : null}
      <ConversionFigures filters={filters} outcomes={outcomes} />
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Price changes">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">Price list changes</h2>
        {priceChanges.length === 0 ? (
          <p className="px-5 py-3 text-sm text-slate-600">None: every plan is at its catalogue price.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {priceChanges.map((change) => (
              <li key={change.position} className="px-5 py-2">
                {change.sentence}
                <span className="text-xs text-slate-500">
                  {" "}
                  · recorded <LocalTime iso={change.recordedAt} />
                  {change.reason ? ` · ${change.reason}` : ""} ·{" "}
                  <Link
                    href={`/accounts/${change.accountId}/events/${change.position}`}
                    className="text-indigo-700 underline"
                  >
                    event #{change.position}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Conversions">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
          {truncated
            ? `The first ${rows.length} of ${outcomes.converted} conversions, in the order they converted: the CSV holds them all; narrow the window to list the rest here`
            : `${rows.length} ${rows.length === 1 ? "conversion" : "conversions"}, in the order they converted`}
        </h2>
        {rows.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-600">No trial converted with these filters.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-5 py-2 font-medium">Converted</th>
                <th className="px-3 py-2 font-medium">Account</th>
                <th className="px-3 py-2 font-medium">Trial</th>
                <th className="px-3 py-2 font-medium">Converted to</th>
                <th className="px-5 py-2 font-medium">Price per seat</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.accountId} data-testid="conversion">
                  <td className="px-5 py-2 whitespace-nowrap">
                    {row.convertedAt ? dateTimeSeconds(row.convertedAt) : "—"}
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/accounts/${row.accountId}`} className="text-indigo-700 hover:underline">
                      {row.accountName ?? row.accountId}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-slate-600">
                    {planOrDash(row.trialPlan)}, {row.trialSeats} seats, from {row.trialStartedAt.slice(0, 10)}
                  </td>
                  <td className="px-3 py-2">
                    {planOrDash(row.plan)} ({row.interval}), {row.seats} seats
                  </td>
                  <td className="px-5 py-2 whitespace-nowrap">
                    <PriceCell row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
