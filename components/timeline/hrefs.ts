import { filterParams, type TimelineFilters } from "@/lib/timeline/filters";

/** What a timeline page's URL holds: its filters and how it shows them (and, on the account page, a point). */
export interface ViewState {
  filters: TimelineFilters;
  view?: "grouped" | "flat";
  at?: string;
  axis?: string;
}

/** A link to the same page with some of its state changed (undefined drops a parameter); paging restarts. */
export function viewHref(pathname: string, state: ViewState, change: Partial<Record<string, string | undefined>> = {}) {
  const params: Record<string, string | undefined> = {
    ...filterParams({ ...state.filters, cursor: undefined }),
    view: state.view === "flat" ? "flat" : undefined,
    at: state.at,
    axis: state.axis,
    ...change,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const text = query.toString();
  return text ? `${pathname}?${text}` : pathname;
}
