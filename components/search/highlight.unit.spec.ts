import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Highlight, splitMatches } from "./highlight";

describe("splitMatches", () => {
  test("marks every occurrence, in any case, keeping the text's own case", () => {
    expect(splitMatches("Acme ACME acme", "acme")).toEqual([
      { text: "Acme", match: true },
      { text: " ", match: false },
      { text: "ACME", match: true },
      { text: " ", match: false },
      { text: "acme", match: true },
    ]);
    expect(splitMatches("billing@acme.example", "ME.EX")).toEqual([
      { text: "billing@ac", match: false },
      { text: "me.ex", match: true },
      { text: "ample", match: false },
    ]);
  });

  test("no match, an empty term, or a text whose length changes when lowered: the text as it is", () => {
    expect(splitMatches("Globex", "acme")).toEqual([{ text: "Globex", match: false }]);
    expect(splitMatches("Globex", "")).toEqual([{ text: "Globex", match: false }]);
    expect(splitMatches("İstanbul Ltd", "ltd")).toEqual([{ text: "İstanbul Ltd", match: false }]);
  });

  test("regular-expression and LIKE characters are plain text", () => {
    expect(splitMatches("100% Legit_Co (.*)", "% l")).toEqual([
      { text: "100", match: false },
      { text: "% L", match: true },
      { text: "egit_Co (.*)", match: false },
    ]);
    expect(splitMatches("a.b", ".*")).toEqual([{ text: "a.b", match: false }]);
  });
});

describe("Highlight", () => {
  test("markup in the text or the search is shown as text, never as HTML", () => {
    const html = renderToStaticMarkup(
      createElement(Highlight, { text: "Evil <script>alert(1)</script> Co", term: "<script>" }),
    );
    expect(html).toBe(
      '<span>Evil </span><mark class="rounded-sm bg-amber-200 px-0.5 text-inherit">&lt;script&gt;</mark>' +
        "<span>alert(1)&lt;/script&gt; Co</span>",
    );
    expect(html).not.toContain("<script>");
  });
});
