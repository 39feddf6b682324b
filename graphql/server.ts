import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLContext } from "./context";
import { formatApiError } from "./errors";
import { createGraphQLSchema } from "./schema";

/**
 * The Apollo server. No landing page (Apollo's loads from a CDN; the portal serves GraphiQL from npm at
 * /explorer), never a stack trace in a response, errors reduced to the closed set of graphql/errors.ts.
 */
export function createApolloServer(): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: createGraphQLSchema(),
    formatError: formatApiError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
}
