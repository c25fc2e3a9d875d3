"use client";

import { useSyncExternalStore } from "react";
import { dateTimeSeconds } from "@/components/ui/format";

const parts = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

/** "2026-03-01 11:00:05 GMT+1": ISO order in the reader's own zone, whatever their locale. */
function inReaderZone(iso: string): string {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

// The server renders UTC (it does not know the reader's zone); the browser then shows its own zone.
const subscribe = () => () => undefined;

/** A time to the second in the reader's zone; UTC and the exact stored value on hover. */
export function LocalTime({ iso, title }: { iso: string; title?: string }) {
  const local = useSyncExternalStore(
    subscribe,
    () => inReaderZone(iso),
    () => dateTimeSeconds(iso),
  );
  return (
    <time dateTime={iso} title={`${dateTimeSeconds(iso)}${title ? ` · ${title}` : ""} · exactly ${iso}`}>
      {local}
    </time>
  );
}
