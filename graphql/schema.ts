import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { enforceAuthDirectives } from "./auth-directive";
import { typeDefs } from "./generated/type-defs";
import { resolvers } from "./resolvers";

/** The executable schema: generated SDL + module resolvers, with @auth/@public enforced on every root field. */
export function createGraphQLSchema(): GraphQLSchema {
  return enforceAuthDirectives(makeExecutableSchema({ typeDefs, resolvers, resolverValidationOptions: { requireResolversToMatchSchema: "error" } }));
}
