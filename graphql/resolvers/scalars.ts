import { GraphQLScalarType, Kind } from "graphql";
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
