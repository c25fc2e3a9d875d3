import { Stat } from "@/components/ui/stat";
import { dateTime, planOrDash } from "@/components/ui/format";
import type { ConversionFilters } from "@/lib/queries/conversions";

type Outcomes = { converted: number; canceled: number | null; trialing: number | null };

/** A date the form sent as a bare day shows as that day; anything finer, to the minute. */
const shown = (d: Date) => {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : dateTime(iso);
};

/** "from 2026-06-01 until 2026-07-01 (exclusive)", in the form's own words. */
export function windowWords({ from, to }: ConversionFilters): string {
  if (from && to) return `from ${shown(from)} until ${shown(to)} (exclusive)`;
  if (from) return `from ${shown(from)} on`;
  if (to) return `before ${shown(to)}`;
  return "at any time";
}

/**
 * The report's three figures, each over the table's window and filters, each
 * saying what it counts: finance reads them next to the price changes.
 */
export function ConversionFigures({ filters, outcomes }: { filters: ConversionFilters; outcomes: Outcomes }) {
  const span = windowWords(filters);
  const plan = filters.plan ? `, ${planOrDash(filters.plan)}` : "";
  const trials = filters.plan ? `${planOrDash(filters.plan)} trials` : "Trials";
  const noInterval = "Not counted by interval: a trial has no billing interval until it converts.";
  const end = filters.to ? `on ${shown(filters.to)}` : "now";
  return (
    <section className="grid grid-cols-3 gap-4" aria-label="Trial outcomes">
      <Stat
        label="Converted in the window"
        value={outcomes.converted}
        hint={`Trials converted ${span}${plan}${filters.interval ? `, billed ${filters.interval}` : ""}: the rows below.`}
      />
      <Stat
        label="Canceled during trial"
        value={outcomes.canceled ?? "—"}
        hint={outcomes.canceled === null ? noInterval : `${trials} canceled before converting, ${span}.`}
      />
      <Stat
        label={`In trial ${end}`}
        value={outcomes.trialing ?? "—"}
        hint={
          outcomes.trialing === null
            ? noInterval
            : `${trials} started and neither converted nor canceled by ${filters.to ? "the window's end" : "now"}.`
        }
      />
    </section>
  );
}
