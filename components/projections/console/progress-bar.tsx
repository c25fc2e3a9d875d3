/** A labelled progress bar: done of total, with rate and time left when known. */
export function ProgressBar({
  label,
  done,
  total,
  unit,
  rate,
  etaSeconds,
}: {
  label: string;
  done: number;
  total: number;
  unit: string;
  rate: number;
  etaSeconds: number | null;
}) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-violet-500 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-600 tabular-nums">
        {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} {unit} ({percent}%) ·{" "}
        {rate.toLocaleString("en-US")} {unit}/s
        {etaSeconds === null ? "" : ` · about ${etaSeconds} s left`}
      </p>
    </div>
  );
}
