import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLContext } from "./context";
import { formatApiError } from "./errors";
import { deadlinePlugin, inputGuardPlugin, queryLimitsForApollo } from "./limits";
import { createGraphQLSchema } from "./schema";

/**
 * The Apollo server, with the query limits and the deadline of graphql/limits.ts. No landing page (Apollo's loads from a CDN; the portal serves GraphiQL from npm at
 * /explorer), never a stack trace in a response, errors reduced to the closed set of graphql/errors.ts.
 */
export function createApolloServer(): ApolloServer<GraphQLContext> {
  const limits = queryLimitsForApollo();
  return new ApolloServer<GraphQLContext>({
    schema: createGraphQLSchema(),
    formatError: formatApiError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [ApolloServerPluginLandingPageDisabled(), ...limits.plugins, inputGuardPlugin(), deadlinePlugin()],
  });
}
