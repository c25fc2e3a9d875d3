import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import type { AggregateAt } from "@/lib/history/account-at";
import { AggregateList } from "./aggregate-list";

const aggregate = (kind: AggregateAt["kind"], id: string): AggregateAt => ({
  streamId: `${kind}-${id}`,
  kind,
  version: 2,
  state: { status: "open" },
  summary: `${kind} ${id}`,
  lastPosition: 1,
  lastOccurredAt: null,
});

describe("the aggregates listed at a point", () => {
  const shown = [aggregate("account", "a"), aggregate("subscription", "a"), aggregate("invoice", "i1")];

  test("when only some are listed, says how many there are and links to all of them", () => {
    const html = renderToStaticMarkup(
      createElement(AggregateList, { aggregates: shown, total: 1211, allHref: "/accounts/a?at=5&aggregates=all" }),
    );
    expect(html).toContain(
      "1,211 aggregates; listed: the account, its subscription and leads, and the 1 invoice changed last",
    );
    expect(html).toContain('href="/accounts/a?at=5&amp;aggregates=all"');
    expect(html).toContain("List all 1,211");
    expect(html.match(/data-testid="aggregate-at"/g)).toHaveLength(3);
  });

  test("when all are listed, no note", () => {
    const html = renderToStaticMarkup(createElement(AggregateList, { aggregates: shown, allHref: "/x" }));
    expect(html).not.toContain("List all");
    expect(html.match(/data-testid="aggregate-at"/g)).toHaveLength(3);
  });
});
