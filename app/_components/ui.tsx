import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

export const inputClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500";
export const buttonClass = "inline-flex items-center justify-center rounded bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass = "inline-flex items-center justify-center rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60";
export const dangerButtonClass = "inline-flex items-center justify-center rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60";

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children && <div className="mt-1 max-w-3xl text-slate-600">{children}</div>}
    </header>
  );
}

/** A titled card; `id` makes the heading a labelled landmark. */
export function Section({ title, id, children, actions }: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-medium">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

const badgeTones = {
  green: "bg-emerald-100 text-emerald-900",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-900",
  slate: "bg-slate-100 text-slate-800",
  blue: "bg-sky-100 text-sky-900",
} as const;

export type BadgeTone = keyof typeof badgeTones;

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${badgeTones[tone]}`}>{children}</span>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">{children}</p>;
}

export function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="mb-1 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A form's fields in as many columns as fit at least 11rem each, so no field (a select's longest option) is squeezed. */
export const fieldGridClass = "grid gap-3 grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]";

type ElementWithChildren = ReactElement<{ children?: ReactNode; "data-label"?: string }>;

/** The text a node shows (a header's words, without markup). */
function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

/** Maps the direct children of `type` (arrays from `.map` included), with their index among those. */
function mapChildren(node: ReactNode, type: string, map: (element: ElementWithChildren, index: number) => ReactNode): ReactNode {
  let index = 0;
  return Children.map(node, (child) => (isValidElement(child) && child.type === type ? map(child as ElementWithChildren, index++) : child));
}

/**
 * The table with each body cell labelled by its column's header (`data-label`), for the stacked layout. Only
 * rows written inline as <tr>/<td> are labelled (a row rendered by its own component keeps its cells as they are).
 */
function labelCells(table: ReactNode): ReactNode {
  if (!isValidElement(table) || table.type !== "table") return table;
  const element = table as ElementWithChildren;
  const headers: string[] = [];
  mapChildren(element.props.children, "thead", (thead) => mapChildren(thead.props.children, "tr", (row) => mapChildren(row.props.children, "th", (th) => headers.push(textOf(th.props.children).trim()))));
  const body = mapChildren(element.props.children, "tbody", (tbody) =>
    cloneElement(tbody, {}, mapChildren(tbody.props.children, "tr", (row) => cloneElement(row, {}, mapChildren(row.props.children, "td", (cell, column) => cloneElement(cell, { "data-label": cell.props["data-label"] ?? headers[column] ?? "" }))))),
  );
  return cloneElement(element, {}, body);
}

// Below 640 px each row becomes a block of "header: value" lines (the header from data-label), so no column
// hides behind sideways scrolling; from 640 px up it is the table.
const stackedClass = [
  "max-sm:[&_table]:block max-sm:[&_table]:min-w-0 max-sm:[&_tbody]:block max-sm:[&_thead]:sr-only",
  "max-sm:[&_tr]:block max-sm:[&_tr]:py-2",
  "max-sm:[&_td]:flex max-sm:[&_td]:flex-wrap max-sm:[&_td]:items-baseline max-sm:[&_td]:justify-end max-sm:[&_td]:gap-3 max-sm:[&_td]:px-0 max-sm:[&_td]:py-0.5 max-sm:[&_td]:text-right max-sm:[&_td]:[overflow-wrap:anywhere]",
  "max-sm:[&_td]:before:mr-auto max-sm:[&_td]:before:shrink-0 max-sm:[&_td]:before:text-left max-sm:[&_td]:before:font-medium max-sm:[&_td]:before:text-slate-500 max-sm:[&_td]:before:content-[attr(data-label)]",
].join(" ");

/**
 * A table that scrolls sideways inside its card on narrow screens instead of widening the page; with `stack`,
 * below 640 px its rows stack instead ("Score 612", "PD 9.5 %", … one line each), every column readable.
 */
export function TableScroll({ label, stack = false, children }: { label: string; stack?: boolean; children: ReactNode }) {
  return (
    <div className={`relative -mx-1 overflow-x-auto px-1 ${stack ? stackedClass : ""}`} role="region" aria-label={label} tabIndex={0}>
      {stack ? labelCells(children) : children}
    </div>
  );
}

export const recommendationTone: Record<string, BadgeTone> = { APPROVE: "green", REVIEW: "amber", REJECT: "red" };
export const riskTone: Record<string, BadgeTone> = { LOW: "green", MEDIUM: "blue", HIGH: "amber", VERY_HIGH: "red" };
export const consentTone: Record<string, BadgeTone> = { ACTIVE: "green", PENDING: "blue", REVOKED: "red", EXPIRED: "slate" };
