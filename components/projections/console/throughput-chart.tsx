"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ThroughputPoint } from "@/lib/projections/throughput";

const time = (iso: string) => iso.slice(11, 19);

/** Events applied per second, per 10-second bucket over the last 10 minutes. */
export function ThroughputChart({ name, points }: { name: string; points: ThroughputPoint[] }) {
  const peak = Math.max(0, ...points.map((p) => p.perSecond));
  return (
    <figure aria-label={`Throughput of ${name}`} className="w-56">
      <div className="h-12 rounded-sm border-b border-slate-300 bg-slate-50">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={1}>
            <XAxis dataKey="at" hide />
            <YAxis hide domain={[0, Math.max(1, peak)]} />
            <Tooltip
              cursor={{ fill: "#eef2ff" }}
              formatter={(value) => [`${value} events/s`, "applied"]}
              labelFormatter={(label) => `${time(String(label))} UTC`}
              contentStyle={{ fontSize: 11, padding: "2px 6px" }}
            />
            <Bar dataKey="perSecond" fill="#6366f1" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-0.5 text-[10px] text-slate-500">
        last 10 min · peak {peak.toLocaleString("en-US")} events/s
      </figcaption>
    </figure>
  );
}
