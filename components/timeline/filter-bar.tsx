import Link from "next/link";
import { dateTimeSeconds } from "@/components/ui/format";
import { STREAM_KINDS } from "@/lib/domain";
import { ZSource } from "@/lib/event-store/metadata";
import { EVENT_TYPES } from "@/lib/projections/shared/fold";
import type { FilterName, TimelineFilters } from "@/lib/timeline/filters";
import { viewHref, type ViewState } from "./hrefs";

export const FILTER_LABELS: Record<FilterName, string> = {
  types: "type",
  streams: "stream",
  actor: "actor",
  source: "source",
  appVersion: "app version",
  correlationId: "correlation",
  from: "from",
  to: "until",
  cursor: "older than",
};

/** A filter's value as a chip shows it. */
export function filterText(name: FilterName, value: TimelineFilters[FilterName]): string {
  if (Array.isArray(value)) return value.join(", ");
  if (value instanceof Date) return dateTimeSeconds(value.toISOString());
  return String(value);
}

const input = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block space-y-1 text-xs font-medium text-slate-600">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** The active filters as removable chips (links), and a way to clear them all. */
export function FilterChips({ pathname, state }: { pathname: string; state: ViewState }) {
  const active = (Object.keys(FILTER_LABELS) as FilterName[]).filter(
    (name) => name !== "cursor" && state.filters[name] !== undefined,
  );
  if (active.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-2 px-5 py-2 text-xs" aria-label="Active filters">
      {active.map((name) => (
        <li key={name}>
          <Link
            href={viewHref(pathname, state, { [name]: undefined })}
            className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-1 text-indigo-800 ring-1 ring-indigo-200 hover:bg-indigo-100"
            aria-label={`Remove filter ${FILTER_LABELS[name]}: ${filterText(name, state.filters[name])}`}
          >
            <span className="text-indigo-500">{FILTER_LABELS[name]}:</span>
            <span className="font-medium">{filterText(name, state.filters[name])}</span>
            <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
      {active.length > 1 ? (
        <li>
          <Link
            href={viewHref(pathname, { ...state, filters: {} })}
            className="text-slate-500 underline hover:text-slate-800"
          >
            Clear all filters
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * The timeline's filters as a plain GET form: submitting it puts every filter
 * in the URL (with the names the API uses), so a link always reproduces the view.
 */
export function FilterBar({ pathname, state }: { pathname: string; state: ViewState }) {
  const f = state.filters;
  const iso = (d: Date | undefined) => d?.toISOString() ?? "";
  return (
    <details className="border-b border-slate-200" open={Object.keys(f).some((k) => k !== "cursor")}>
      <summary className="cursor-pointer px-5 py-2 text-xs font-medium text-slate-600 hover:text-slate-900">
        Filters
      </summary>
      <form
        action={pathname}
        method="get"
        className="grid gap-3 px-5 pb-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label="Filter the timeline"
      >
        {state.view === "flat" ? <input type="hidden" name="view" value="flat" /> : null}
        {state.at ? <input type="hidden" name="at" value={state.at} /> : null}
        {state.axis ? <input type="hidden" name="axis" value={state.axis} /> : null}
        <Field label="Event types">
          <select name="types" multiple defaultValue={f.types ?? []} className={`${input} h-24`}>
            {STREAM_KINDS.map((kind) => (
              <optgroup key={kind} label={kind}>
                {EVENT_TYPES[kind].map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <div className="space-y-3">
          <Field label="Streams (kinds or ids, comma-separated)">
            <input
              name="streams"
              defaultValue={f.streams?.join(",") ?? ""}
              placeholder="invoice, subscription-acme"
              className={input}
            />
          </Field>
          <Field label="Actor id">
            <input name="actor" defaultValue={f.actor ?? ""} placeholder="dana, billing-webhook" className={input} />
          </Field>
        </div>
        <div className="space-y-3">
          <Field label="Source">
            <select name="source" defaultValue={f.source ?? ""} className={input}>
              <option value="">any</option>
              {ZSource.options.map((source) => (
                <option key={source} value={source}>
                  {source}
                </option>
              ))}
            </select>
          </Field>
          <Field label="App version">
            <input name="appVersion" defaultValue={f.appVersion ?? ""} placeholder="2026.03.2" className={input} />
          </Field>
          <Field label="Correlation id">
            <input name="correlationId" defaultValue={f.correlationId ?? ""} className={input} />
          </Field>
        </div>
        <div className="space-y-3">
          <Field label="Happened from (ISO, UTC)">
            <input name="from" defaultValue={iso(f.from)} placeholder="2026-03-01" className={input} />
          </Field>
          <Field label="Happened until (exclusive)">
            <input name="to" defaultValue={iso(f.to)} placeholder="2026-04-01T00:00:00Z" className={input} />
          </Field>
          <button
            type="submit"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Apply filters
          </button>
        </div>
      </form>
    </details>
  );
}
