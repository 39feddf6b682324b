import { GraphQLScalarType, Kind, type ValueNode } from "graphql";

// A plain error, not a GraphQLError: graphql-js then reports it against the value (a literal's node, a
// variable's path `at "input.occurredAt"`), which the transport turns into BAD_USER_INPUT with
// extensions.field (graphql/errors.ts, graphql/limits.ts); a GraphQLError would be passed on without either.
const invalidScalar = (message: string): TypeError => new TypeError(message);

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years a credit record can sensibly carry: births from 1900, loans and signals up to 2100. */
export const YEAR_RANGE = { first: 1900, last: 2100 } as const;

/** Whether year-month-day names a real day (2026-02-30 does not), within YEAR_RANGE. */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= YEAR_RANGE.first && year <= YEAR_RANGE.last && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseInstant(value: unknown): Date {
  const match = typeof value === "string" ? isoInstant.exec(value) : null;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = (match?.slice(4) ?? []).map((part) => Number(part ?? 0));
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3])) || hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 14 || offsetMinutes > 59) {
    throw invalidScalar(`DateTime: expected a real ISO-8601 instant with time zone between ${YEAR_RANGE.first} and ${YEAR_RANGE.last}, e.g. 2026-11-22T09:30:00Z.`);
  }
  return new Date(value as string);
}

// A calendar date travels as midnight UTC, as Prisma stores @db.Date columns.
function parseCalendarDate(value: unknown): Date {
  const match = typeof value === "string" ? isoDate.exec(value) : null;
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw invalidScalar(`Date: expected a real ISO-8601 calendar date between ${YEAR_RANGE.first} and ${YEAR_RANGE.last}, e.g. 1990-04-17.`);
  }
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
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
    throw invalidScalar("Decimal: expected a decimal amount as a string with at most 4 decimals, e.g. \"1250.50\".");
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
      throw invalidScalar("JSON: expected a JSON value.");
  }
}

/** Any JSON value, passed through as is (policy documents, audit payloads, replayed results). */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: "JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literalValue(ast, variables),
});
