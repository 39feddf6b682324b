import type { ApiKeyScope, Resolvers } from "../generated/resolvers-types";
import { createApiKey } from "../services/create-api-key";
import { listApiKeys } from "../services/list-api-keys";
import { revokeApiKey } from "../services/revoke-api-key";

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_parent, _args, context) => listApiKeys(context),
  },
  Mutation: {
    createApiKey: (_parent, args, context) => createApiKey(context, args.input),
    revokeApiKey: (_parent, args, context) => revokeApiKey(context, args.id),
  },
  ApiKey: {
    scopes: (apiKey) => apiKey.scopes as ApiKeyScope[],
  },
};
