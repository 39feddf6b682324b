// Enforces @auth(roles) and @public on every Query and Mutation field. A root field declaring neither makes
// the schema refuse to build, and graphql/auth-directive.test.ts lists such fields by name.
import { defaultFieldResolver, getDirectiveValues, type FieldDefinitionNode, type GraphQLField, type GraphQLSchema } from "graphql";
import type { GraphQLContext } from "./context";
import { forbidden, unauthenticated } from "./errors";
import type { Role } from "./generated/resolvers-types";

export type FieldAuth = { kind: "public" } | { kind: "roles"; roles: Role[] };

type RootField = { typeName: "Query" | "Mutation"; field: GraphQLField<unknown, GraphQLContext> };

function listRootFields(schema: GraphQLSchema): RootField[] {
  const roots = [
    { typeName: "Query" as const, type: schema.getQueryType() },
    { typeName: "Mutation" as const, type: schema.getMutationType() },
  ];
  return roots.flatMap(({ typeName, type }) => Object.values(type?.getFields() ?? {}).map((field) => ({ typeName, field })));
}

/** The field's declared access, or null when it declares none (or both, which is as wrong). */
export function readFieldAuth(schema: GraphQLSchema, field: { astNode?: FieldDefinitionNode | null }): FieldAuth | null {
  const authDirective = schema.getDirective("auth");
  const publicDirective = schema.getDirective("public");
  if (!authDirective || !publicDirective || !field.astNode) return null;
  const roles = getDirectiveValues(authDirective, field.astNode)?.roles as Role[] | undefined;
  const isPublic = getDirectiveValues(publicDirective, field.astNode) !== undefined;
  if (isPublic && !roles) return { kind: "public" };
  if (roles && !isPublic && roles.length > 0) return { kind: "roles", roles };
  return null;
}

/** "Type.field" for every root field without exactly one of @auth (with at least one role) or @public. */
export function listFieldsWithoutAuth(schema: GraphQLSchema): string[] {
  return listRootFields(schema)
    .filter(({ field }) => readFieldAuth(schema, field) === null)
    .map(({ typeName, field }) => `${typeName}.${field.name}`);
}

/**
 * Wraps each root field's resolver with its access check: no caller → UNAUTHENTICATED; a role not listed →
 * FORBIDDEN; an API key without READ (queries) or WRITE (mutations) scope → FORBIDDEN.
 * @throws Error listing the fields that declare no access, so such a schema never serves.
 */
export function enforceAuthDirectives(schema: GraphQLSchema): GraphQLSchema {
  const undeclared = listFieldsWithoutAuth(schema);
  if (undeclared.length > 0) throw new Error(`Every Query and Mutation field needs @auth(roles: […]) or @public: ${undeclared.join(", ")}`);
  for (const { typeName, field } of listRootFields(schema)) {
    const auth = readFieldAuth(schema, field);
    if (auth?.kind !== "roles") continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const requiredScope = typeName === "Query" ? "READ" : "WRITE";
    field.resolve = (source, args, context, info) => {
      const caller = context.caller;
      if (!caller) throw unauthenticated();
      if (!auth.roles.includes(caller.role)) throw forbidden(`${typeName}.${field.name} is not open to the ${caller.role} role.`);
      if (caller.kind === "API_KEY" && !caller.scopes.includes(requiredScope)) {
        throw forbidden(`This API key lacks the ${requiredScope} scope ${typeName}.${field.name} needs.`);
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
