import type { Axis } from "@/lib/history/points";

/** What a typed time means: the state as it was true then, or as the log had recorded it by then. */
export function AxisSelect({ defaultValue = "effective" }: { defaultValue?: Axis }) {
  return (
    <label className="space-y-1">
      <span className="block font-medium text-slate-600">A time means</span>
      <select name="axis" defaultValue={defaultValue} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
        <option value="effective">what was true then</option>
        <option value="recorded">what was recorded by then</option>
      </select>
    </label>
  );
}
