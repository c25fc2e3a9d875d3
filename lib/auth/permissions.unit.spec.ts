import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { can, type Principal, requirePermission, type Role } from "./permissions";

const principal = (role: Role): Principal => ({
  type: role === "service" ? "service" : "user",
  id: `${role}-1`,
  role,
  name: role,
});

describe("manage-catalog", () => {
  it("is the admin's alone", () => {
    expect(can("admin", "manage-catalog")).toBe(true);
    expect(() => requirePermission(principal("admin"), "manage-catalog")).not.toThrow();
  });

  it.each([
    ["finance", "The finance role cannot change the price list. Ask an admin."],
    ["support", "The support role cannot change the price list. Ask an admin."],
    ["service", "Service tokens cannot change the price list. Ask an admin."],
  ] as const)("refuses %s with a 403", (role, message) => {
    expect(can(role, "manage-catalog")).toBe(false);
    let error: unknown;
    try {
      requirePermission(principal(role), "manage-catalog");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, message });
  });
});
