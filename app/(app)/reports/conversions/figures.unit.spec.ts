import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { ConversionFigures, windowWords } from "./figures";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const d = (iso: string) => new Date(iso);

describe("the conversions page's figures", () => {
  test("each names the window the form and the table use", () => {
    expect(windowWords({ from: d("2026-06-01"), to: d("2026-07-01") })).toBe(
      "from 2026-06-01 until 2026-07-01 (exclusive)",
    );
    expect(windowWords({ from: d("2026-06-01T12:30:00Z") })).toBe("from 2026-06-01 12:30 UTC on");
    expect(windowWords({})).toBe("at any time");
  });

  test("labels say what is counted, with the plan and interval filters", () => {
    const html = renderToStaticMarkup(
      createElement(ConversionFigures, {
        filters: { from: d("2026-06-01"), to: d("2026-07-01"), plan: "pro" },
        outcomes: { converted: 4, canceled: 1, trialing: 2 },
      }),
    );
    expect(text(html)).toContain(
      "Converted in the window 4 Trials converted from 2026-06-01 until 2026-07-01 (exclusive), Pro: the rows below.",
    );
    expect(text(html)).toContain("Canceled during trial 1 Pro trials canceled before converting, from");
    expect(text(html)).toContain("In trial on 2026-07-01 2");
  });

  test("with an interval filter, trial figures are not shown as counts", () => {
    const html = renderToStaticMarkup(
      createElement(ConversionFigures, {
        filters: { interval: "annual" },
        outcomes: { converted: 3, canceled: null, trialing: null },
      }),
    );
    expect(text(html)).toContain("billed annual: the rows below.");
    expect(text(html)).toContain("Canceled during trial — Not counted by interval");
    expect(text(html)).toContain("In trial now — Not counted by interval");
  });
});
