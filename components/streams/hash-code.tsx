/**
 * A hash shown short (CSS ellipsis) but whole in the DOM: hovering shows it,
 * selecting or copying the <code> takes all 64 characters.
 */
export function HashCode({ value, label }: { value: string | null; label: string }) {
  if (value === null) return <span className="text-xs text-slate-400">— (first event)</span>;
  return (
    <code
      title={`${label}: ${value}`}
      className="inline-block max-w-[7.5rem] truncate align-bottom font-mono text-xs text-slate-700 select-all"
    >
      {value}
    </code>
  );
}
