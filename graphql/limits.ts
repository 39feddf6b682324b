// What one GraphQL request may cost, checked before any resolver runs (parse and validation), and the
// deadline that stops a running one. docs/security.md gives each limit and why it was chosen; every
// operation in graphql/documents/ stays within them (graphql/limits.test.ts).
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, visit, type ASTVisitor, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionNode, type ValidationContext, type ValidationRule, type ValueNode } from "graphql";
import type { GraphQLContext } from "./context";

export const QUERY_LIMITS = {
  /** Bytes of a request body (JSON of query + variables): a 20,000-item signal batch is ~4 MB. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** Lexical tokens of the query text, checked while parsing (a 200,000-alias query never becomes an AST). */
  maxTokens: 2_000,
  /** Nesting of selections: the portal's deepest operation is 6 deep (armor's count); Borrower ↔ CreditScore cycles stop at 7. */
  maxDepth: 7,
  /** Aliases per operation: aliasing is how one request multiplies a field. */
  maxAliases: 15,
  /** graphql-armor's static cost (objects 2, scalars 1, ×1.5 per level): every portal operation passes (graphql/limits.test.ts). */
  maxCost: 5_000,
  maxDirectives: 50,
  /** Root fields of one mutation: each writes (quickScore, replayScore and explainScore record an audit event). */
  maxWritingFields: 5,
  /**
   * Fields that read a whole history, per request: a signal summary reads every signal of a borrower (~70 ms of
   * CPU at 1,000 signals), and 15 aliased ones cost ~1 s (npm run bench:request-cost). The portal asks for one.
   */
  maxCostlyFields: { signalSummary: 2, verifyAuditChain: 1 } as Readonly<Record<string, number>>,
  /** Wall-clock budget of one request's execution; its resolvers stop once it passes or the client leaves. */
  deadlineMs: 10_000,
  /** Characters of any one string argument (the use cases cap each field tighter: names 100–200, ids 200, statements 5,000). */
  maxStringLength: 10_000,
  /** Characters of an identifier (an argument or input field named `id` or `…Id`): ours are 25–36, partners' external ids at most 200. */
  maxIdLength: 200,
} as const;

const isIdentifierPath = (path: string): boolean => /(^|\.)(id|[A-Za-z]+Id)(\[\d+\])?$/.test(path);

/** Refuses a mutation with more than `max` root fields, fragments included: aliasing quickScore 500 times wrote 500 audit rows. */
export function maxWritingFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const rootFields = (selections: readonly (typeof operation.selectionSet.selections)[number][], seen: Set<string>): FieldNode[] =>
        selections.flatMap((selection) => {
          if (selection.kind === Kind.FIELD) return [selection];
          if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet.selections, seen);
          if (seen.has(selection.name.value)) return [];
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          return fragment ? rootFields(fragment.selectionSet.selections, seen) : [];
        });
      if (operation.operation !== "mutation") return;
      const writing = rootFields(operation.selectionSet.selections, new Set());
      if (writing.length > max) {
        context.reportError(new GraphQLError(`At most ${max} writing fields per request (this one has ${writing.length}); send the changes in separate requests.`, { nodes: writing.slice(max) }));
      }
    },
  });
}

/**
 * Refuses an operation that asks for a costly field more often than `limits` allows, counting every place it
 * would run: aliases, and a fragment once per spread (a fragment holding one signalSummary, spread under 15
 * aliases, is 15).
 */
export function maxCostlyFieldsRule(limits: Readonly<Record<string, number>>): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const counts = new Map<string, FieldNode[]>();
      const walk = (selections: readonly SelectionNode[], fragmentStack: readonly string[]): void => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD) {
            if (limits[selection.name.value] !== undefined) counts.set(selection.name.value, [...(counts.get(selection.name.value) ?? []), selection]);
            if (selection.selectionSet) walk(selection.selectionSet.selections, fragmentStack);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            walk(selection.selectionSet.selections, fragmentStack);
          } else if (!fragmentStack.includes(selection.name.value)) {
            const fragment = context.getFragment(selection.name.value);
            if (fragment) walk(fragment.selectionSet.selections, [...fragmentStack, selection.name.value]);
          }
        }
      };
      walk(operation.selectionSet.selections, []);
      for (const [name, fields] of counts) {
        const max = limits[name];
        if (fields.length > max) context.reportError(new GraphQLError(`At most ${max} ${name} field${max === 1 ? "" : "s"} per request (this one has ${fields.length}); each reads a whole history.`, { nodes: fields.slice(max) }));
      }
    },
  });
}

/** The token cap for the parser, graphql-armor's validation rules (depth, aliases, cost, directives) and the writing-field cap. */
export function queryLimitsForApollo(): { plugins: ApolloServerPlugin<GraphQLContext>[]; validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const armor = new ApolloArmor({
    // Tokens are counted by graphql-js's own parser (parseOptions.maxTokens): a refusal is then an ordinary
    // parse error (400), where armor's parsing plugin surfaces as an unexpected one (500).
    maxTokens: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Field suggestions ("Did you mean …?") are kept: the schema is public (introspection is on).
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: plugins as ApolloServerPlugin<GraphQLContext>[],
    validationRules: [...validationRules, maxWritingFieldsRule(QUERY_LIMITS.maxWritingFields), maxCostlyFieldsRule(QUERY_LIMITS.maxCostlyFields)],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}

/** The error every field answers once the request's deadline has passed or its client has gone. */
export function deadlineExceeded(): GraphQLError {
  return new GraphQLError("The request was stopped: it ran past its deadline or the client disconnected.", { extensions: { code: "DEADLINE_EXCEEDED" } });
}

/**
 * Stops a request's work when its signal aborts (deadline passed, client disconnected): every field not yet
 * started fails at once instead of running its resolver, so a large result stops growing and no further
 * query is sent. A resolver already running finishes its current statement.
 */
export function deadlinePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const signal = contextValue.signal;
      if (!signal) return;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (signal.aborted) throw deadlineExceeded();
            },
          };
        },
      };
    },
  };
}

/** The first string of `value` (a variable's value) that no field may hold, with its path, or null. */
export function findBadString(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return { field: path, message: `${path}: contains a NUL character (\\u0000), which no text field may hold.` };
    const max = isIdentifierPath(path) ? QUERY_LIMITS.maxIdLength : QUERY_LIMITS.maxStringLength;
    if (value.length > max) return { field: path, message: `${path}: at most ${max} characters.` };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const bad = findBadString(item, `${path}[${index}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const bad = findBadString(item, path ? `${path}.${key}` : key);
      if (bad) return bad;
    }
  }
  return null;
}

/** The first bad string literal among the operation's arguments, named `<field>.<argument>…`. */
function findBadLiteral(operation: OperationDefinitionNode): { field: string; message: string } | null {
  let found: { field: string; message: string } | null = null;
  const literalOf = (node: ValueNode): unknown =>
    node.kind === Kind.STRING ? node.value : node.kind === Kind.LIST ? node.values.map(literalOf) : node.kind === Kind.OBJECT ? Object.fromEntries(node.fields.map((field) => [field.name.value, literalOf(field.value)])) : null;
  visit(operation, {
    Field(field) {
      for (const argument of field.arguments ?? []) found ??= findBadString(literalOf(argument.value), `${field.name.value}.${argument.name.value}`);
    },
  });
  return found;
}

/** Every value node of the document's arguments with its path (`<field>.<argument>.<input field>[<index>]`). */
function argumentValuePaths(document: DocumentNode): Map<ValueNode, string> {
  const paths = new Map<ValueNode, string>();
  const walk = (node: ValueNode, path: string): void => {
    paths.set(node, path);
    if (node.kind === Kind.OBJECT) for (const field of node.fields) walk(field.value, `${path}.${field.name.value}`);
    if (node.kind === Kind.LIST) node.values.forEach((item, index) => walk(item, `${path}[${index}]`));
  };
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) walk(argument.value, `${field.name.value}.${argument.name.value}`);
    },
  });
  return paths;
}

/**
 * Refuses, before any resolver runs, a string no field may hold: a NUL character (PostgreSQL text cannot
 * store one), more than QUERY_LIMITS.maxStringLength characters, or an identifier longer than
 * QUERY_LIMITS.maxIdLength, in a variable or a literal argument. Also names the argument path of an invalid
 * literal argument (`ingestSignals.input.transactions[0].occurredAt`).
 * BAD_USER_INPUT naming the path, e.g. `input.transactions[3].counterparty`.
 */
export function inputGuardPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          const bad = findBadString(request.variables ?? {}, "") ?? (operation ? findBadLiteral(operation) : null);
          if (bad) throw new GraphQLError(bad.message, { extensions: { code: "BAD_USER_INPUT", field: bad.field, http: { status: 400 } } });
        },
        // An invalid literal argument is reported against its value node; name the argument path it sits at
        // (variables are named by graphql/errors.ts from graphql-js's message).
        async didEncounterErrors({ document, errors }) {
          if (!document) return;
          const paths = argumentValuePaths(document);
          for (const error of errors) {
            const node = error.nodes?.[0];
            const path = node && paths.get(node as ValueNode);
            if (path && error.extensions.field === undefined) (error.extensions as Record<string, unknown>).field = path;
          }
        },
      };
    },
  };
}
