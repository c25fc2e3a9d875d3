import { fieldPath, fieldValue } from "@/components/ui/format";
import { diffFields } from "@/lib/history/diff";

/** Every field of a state, nested paths flattened, values formatted (money in the state's currency). */
export function StateFields({ state, currency }: { state: unknown; currency: string | null }) {
  const fields = diffFields({}, state, { unchanged: true });
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
      {fields.map((f) => (
        <div key={JSON.stringify(f.path)} className="contents">
          <dt className="text-slate-500">{fieldPath(f.path)}</dt>
          <dd className="font-mono break-all text-slate-800">
            {fieldValue(
              f.path.at(-1),
              f.kind === "added" ? f.after : f.kind === "unchanged" ? f.value : null,
              currency,
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
