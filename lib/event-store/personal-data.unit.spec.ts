import { describe, expect, test } from "vitest";
import { collectPersonalDataRefs, ERASED, extractPersonalData, resolvePersonalData } from "./personal-data";

describe("personal data references", () => {
  test("extracts the listed string fields, including nested ones, and resolves them back", () => {
    const data = { name: "Ana", contact: { email: "ana@example.com" }, plan: "pro", missing: null };
    const { stored, rows } = extractPersonalData(data, ["name", "contact.email", "missing", "absent.path"], "acme");
    expect(rows.map((r) => r.value)).toEqual(["Ana", "ana@example.com"]);
    expect(rows.every((r) => r.accountId === "acme")).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/Ana|ana@/);
    expect(data.name).toBe("Ana"); // the input is not mutated
    const refs = collectPersonalDataRefs(stored);
    expect(refs.size).toBe(2);
    const values = new Map(rows.map((r) => [r.id, r.value]));
    expect(resolvePersonalData(stored, values)).toEqual(data);
  });

  test("an erased or missing value reads as [erased]", () => {
    const { stored, rows } = extractPersonalData({ name: "Ana" }, ["name"], "acme");
    expect(resolvePersonalData(stored, new Map([[rows[0]!.id, null]]))).toEqual({ name: ERASED });
    expect(resolvePersonalData(stored, new Map())).toEqual({ name: ERASED });
  });
});
