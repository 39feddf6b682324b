import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableScroll } from "./ui";

describe("TableScroll", () => {
  const table = h(
    "table",
    { className: "min-w-[48rem]" },
    h("thead", null, h("tr", null, h("th", null, "Borrower"), h("th", null, h("span", { className: "sr-only" }, "Score"), " (points)"), h("th", null))),
    h(
      "tbody",
      null,
      [1, 2].map((n) => h("tr", { key: n }, h("td", null, `B${n}`), h("td", null, n * 100), h("td", { "data-label": "Kept" }, "x"))),
    ),
  );

  it("with stack, labels every body cell with its column's header text (markup and spacing flattened) and keeps a label already given", () => {
    const html = renderToStaticMarkup(h(TableScroll, { label: "Queue", stack: true, children: table }));
    expect(html.match(/data-label="[^"]*"/g)).toEqual(['data-label="Borrower"', 'data-label="Score (points)"', 'data-label="Kept"', 'data-label="Borrower"', 'data-label="Score (points)"', 'data-label="Kept"']);
    expect(html).toContain("max-sm:[&amp;_tr]:block");
    expect(html).toContain('<td data-label="Borrower">B2</td>');
  });

  it("without stack, leaves the table as written (it scrolls sideways inside its card)", () => {
    const html = renderToStaticMarkup(h(TableScroll, { label: "Queue", children: table }));
    expect(html).not.toContain('data-label="Borrower"');
    expect(html).not.toContain("max-sm:");
  });
});
