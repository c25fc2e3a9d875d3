import { describe, expect, test } from "vitest";
import config from "@/next.config";

describe("framing", () => {
  test("every address refuses to be framed by another site", async () => {
    const rules = await config.headers!();
    const all = rules.find((rule) => rule.source === "/:path*");
    expect(all?.headers).toEqual(
      expect.arrayContaining([
        { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
        { key: "X-Frame-Options", value: "DENY" },
      ]),
    );
  });
});
