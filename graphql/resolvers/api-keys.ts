import { scopeOf } from "../context";
import type { ApiKeyScope, Resolvers } from "../generated/resolvers-types";
import { createApiKey } from "@/core/create-api-key";
import { listApiKeys } from "@/core/list-api-keys";
import { revokeApiKey } from "@/core/revoke-api-key";

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_parent, _args, context) => listApiKeys(scopeOf(context)),
  },
  Mutation: {
    createApiKey: (_parent, args, context) => createApiKey(scopeOf(context), args.input),
    revokeApiKey: (_parent, args, context) => revokeApiKey(scopeOf(context), args.id),
  },
  ApiKey: {
    scopes: (apiKey) => apiKey.scopes as ApiKeyScope[],
  },
};
