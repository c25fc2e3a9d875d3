import { describe, expect, it } from "vitest";
import { parseTokenArgs } from "./token-args";

describe("npm run token arguments", () => {
  it("makes a person's token with an id from the name", () => {
    expect(parseTokenArgs(["--name", "Dana Scully", "--role", "admin"])).toEqual({
      name: "Dana Scully",
      role: "admin",
      principalType: "user",
      principalId: "dana-scully",
    });
  });

  it("makes a service's token", () => {
    expect(parseTokenArgs(["--service", "crm-sync", "--name", "CRM sync"])).toEqual({
      name: "CRM sync",
      role: "service",
      principalType: "service",
      principalId: "crm-sync",
    });
  });

  it.each([
    [["--name", "Dana"], /--role is required/],
    [["--role", "admin"], /--name is required|expected string/],
    [["--name", "Dana", "--role", "owner"], /Invalid option|expected one of/],
    [["--name", "Dana", "--role", "service"], /Invalid option|expected one of/],
    [["--name", "X", "--role", "admin", "--service", "crm"], /exclude each other/],
    [["--name", "Dana", "--role", "admin", "--id", "Not An Id"], /--id/],
    [["--nme", "Dana"], /Unknown option/],
  ])("refuses %j with a reason", (argv, reason) => {
    const result = parseTokenArgs(argv);
    expect(result).toHaveProperty("error");
    expect((result as { error: string }).error).toMatch(reason);
  });
});
