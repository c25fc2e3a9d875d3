"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { pendingMessage } from "@/components/accounts/pending-banner";
import { fetchJson, LIVE_INTERVAL_MS } from "./fetch-json";

interface Changes {
  count: number;
  capped: boolean;
  latestPosition: number;
  pending: { timeline: number; summary: number };
}

/**
 * The account page's live part: asks every few seconds whether events came
 * after the newest one shown, and says so in a marker that floats over the
 * page (nothing the reader is looking at moves); showing them re-renders the
 * page. The read models' lag banner updates the same way.
 */
export function NewEvents({
  accountId,
  after,
  filters,
  initialPending,
}: {
  accountId: string;
  after: number;
  /** The page's timeline filters as a query string: only events they would show are announced. */
  filters: string;
  initialPending: { timeline: number; summary: number };
}) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const { data } = useQuery({
    queryKey: ["account-changes", accountId, after, filters],
    queryFn: () =>
      fetchJson<Changes>(
        `/api/accounts/${encodeURIComponent(accountId)}/changes?after=${after}${filters ? `&${filters}` : ""}`,
      ),
    refetchInterval: LIVE_INTERVAL_MS,
  });
  const pending = pendingMessage(data?.pending ?? initialPending);
  const show = () =>
    startRefresh(() => {
      router.refresh();
      document.getElementById("timeline")?.scrollIntoView({ behavior: "smooth" });
    });
  return (
    <>
      {pending ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          {pending}
        </p>
      ) : null}
      {data && data.count > 0 ? (
        <div className="fixed inset-x-0 bottom-6 z-20 flex justify-center print:hidden">
          <button
            type="button"
            onClick={show}
            disabled={refreshing}
            data-testid="new-events"
            className="rounded-full bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-indigo-700 disabled:opacity-70"
          >
            {data.count}
            {data.capped ? "+" : ""} new {data.count === 1 && !data.capped ? "event" : "events"} on this account · show
          </button>
        </div>
      ) : null}
    </>
  );
}
