import { minorUnitsPerMajor } from "@/lib/domain";
import { InvalidInputError } from "@/lib/errors";
import type { ValidationIssue } from "@/lib/event-store";
import { type Correction, type CorrectionField, TARGET_KEY } from "./catalog";

/** "1,234.50" → 123450 minor units (in a currency with cents); null when it is not an amount. */
export function parseMoney(text: string, currency = "USD"): number | null {
  const clean = text.replaceAll(",", "").trim();
  const per = minorUnitsPerMajor(currency);
  const pattern = per === 1 ? /^(\d+)$/ : /^(\d+)(?:\.(\d{1,2}))?$/;
  const match = pattern.exec(clean);
  if (!match) return null;
  return Number(match[1]) * per + Number((match[2] ?? "").padEnd(per === 1 ? 0 : 2, "0") || 0);
}

function valueOf(field: CorrectionField, raw: string, currency: string, issues: ValidationIssue[]): unknown {
  switch (field.kind) {
    case "money": {
      const amount = parseMoney(raw, currency);
      if (amount === null) issues.push({ path: field.name, message: `${field.label}: write an amount like 120.00` });
      return amount;
    }
    case "integer": {
      const n = Number(raw);
      if (!/^\d+$/.test(raw.trim())) issues.push({ path: field.name, message: `${field.label}: write a whole number` });
      return n;
    }
    default:
      return raw.trim();
  }
}

/**
 * The command's data from what the admin typed: the page's target id, each
 * field in its own type (money to minor units), empty optional fields left
 * out, and the reason where the command carries one. The command's own schema
 * checks the rest when it is handled.
 */
export function commandDataOf(
  correction: Correction,
  targetId: string,
  fields: Record<string, string>,
  reason: string,
  currency = "USD",
): Record<string, unknown> {
  const data: Record<string, unknown> = { [TARGET_KEY[correction.target]]: targetId };
  const issues: ValidationIssue[] = [];
  for (const field of correction.fields) {
    const raw = fields[field.name]?.trim() ?? "";
    if (raw === "") {
      if (!field.optional) issues.push({ path: field.name, message: `${field.label} is required` });
      continue;
    }
    data[field.name] = valueOf(field, raw, currency, issues);
  }
  if (issues.length > 0) throw new InvalidInputError(issues.map((i) => i.message).join("; "), issues);
  if (correction.reasonInData) data.reason = reason;
  return data;
}
