import { fieldPath, fieldValue, words } from "@/components/ui/format";
import type { FieldChange } from "@/lib/history/diff";

/** The account's headline figures at two points, the changed ones highlighted. */
export function HeaderChanges({
  changes,
  currency,
  labels,
}: {
  changes: FieldChange[];
  currency: string | null;
  labels: [string, string];
}) {
  const shown = changes.filter((c) => c.path[0] !== "accountId");
  if (shown.length === 0) return <p className="text-sm text-slate-600">The headline figures did not change.</p>;
  const value = (change: FieldChange, side: 0 | 1) => {
    const field = change.path.at(-1);
    if (change.kind === "unchanged") return fieldValue(field, change.value, currency);
    if (change.kind === "added") return side === 0 ? "—" : fieldValue(field, change.after, currency);
    if (change.kind === "removed") return side === 0 ? fieldValue(field, change.before, currency) : "—";
    return fieldValue(field, side === 0 ? change.before : change.after, currency);
  };
  return (
    <table className="w-full text-left text-sm" aria-label="Headline figures">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 font-medium">Figure</th>
          <th className="py-1 font-medium">{labels[0]}</th>
          <th className="py-1 font-medium">{labels[1]}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((change) => (
          <tr
            key={fieldPath(change.path)}
            className={change.kind === "unchanged" ? "text-slate-500" : "bg-amber-50/60"}
          >
            <td className="py-1 pr-3">{words(fieldPath(change.path))}</td>
            <td className="py-1 pr-3 font-mono">{value(change, 0)}</td>
            <td className="py-1 font-mono">{value(change, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
