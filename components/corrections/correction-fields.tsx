import type { Correction } from "@/lib/corrections/catalog";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";

/** The fields one correction asks for, each in the form a person writes it (amounts as 120.00). */
export function CorrectionFields({
  correction,
  values,
  currency = "USD",
  onChange,
}: {
  correction: Correction;
  values: Record<string, string>;
  currency?: string;
  onChange: (name: string, value: string) => void;
}) {
  if (correction.fields.length === 0) return null;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {correction.fields.map((field) => {
        const value = values[field.name] ?? "";
        const label = `${field.label}${field.kind === "money" ? ` (${currency})` : ""}${field.optional ? " (optional)" : ""}`;
        return (
          <label key={field.name} className="block text-sm">
            <span className="text-slate-700">{label}</span>
            {field.kind === "choice" ? (
              <select
                name={field.name}
                value={value}
                onChange={(e) => onChange(field.name, e.target.value)}
                className={input}
              >
                <option value="">Choose…</option>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={field.name}
                value={value}
                onChange={(e) => onChange(field.name, e.target.value)}
                inputMode={field.kind === "money" ? "decimal" : field.kind === "integer" ? "numeric" : undefined}
                type={field.kind === "email" ? "email" : "text"}
                placeholder={field.kind === "money" ? "120.00" : undefined}
                className={input}
              />
            )}
            {field.hint ? <span className="mt-0.5 block text-xs text-slate-500">{field.hint}</span> : null}
          </label>
        );
      })}
    </div>
  );
}
