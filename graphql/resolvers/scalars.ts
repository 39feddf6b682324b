import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { badUserInput } from "../errors";

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value !== "string" || !isoInstant.test(value) || Number.isNaN(Date.parse(value))) {
    throw badUserInput("DateTime", "DateTime: expected an ISO-8601 instant with time zone, e.g. 2026-11-22T09:30:00Z.");
  }
  return new Date(value);
}

// A calendar date travels as midnight UTC, as Prisma stores @db.Date columns.
function parseCalendarDate(value: unknown): Date {
  const match = typeof value === "string" ? isoDate.exec(value) : null;
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput("Date", "Date: expected an ISO-8601 calendar date, e.g. 1990-04-17.");
  }
  return date;
}

function serializeDate(value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError("expected a valid Date from a resolver");
  return value;
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize: (value) => serializeDate(value).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateScalar = new GraphQLScalarType<Date, string>({
  name: "Date",
  serialize: (value) => serializeDate(value).toISOString().slice(0, 10),
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => parseCalendarDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const decimalPattern = /^-?\d{1,15}(\.\d{1,4})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !decimalPattern.test(text.trim())) {
    throw badUserInput("Decimal", "Decimal: expected a decimal amount as a string with at most 4 decimals, e.g. \"1250.50\".");
  }
  return text.trim();
}

/** Amounts travel as strings so that no digit is lost to floating point; a JSON number is accepted on input. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: "Decimal",
  serialize: (value) => {
    if (typeof value !== "string" && !(typeof value === "object" && value !== null)) throw new TypeError("expected a decimal string from a resolver");
    return String(value);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT ? (ast.kind === Kind.STRING ? ast.value : Number(ast.value)) : undefined),
});

function literalValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((item) => literalValue(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalValue(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      throw badUserInput("JSON", "JSON: expected a JSON value.");
  }
}

/** Any JSON value, passed through as is (policy documents, audit payloads, replayed results). */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: "JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literalValue(ast, variables),
});
