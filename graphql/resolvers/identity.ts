import type { Resolvers } from "../generated/resolvers-types";
import { requireCaller, scopeOf } from "../context";
import { getTenant } from "@/core/get-tenant";

export const identityResolvers: Resolvers = {
  Query: {
    health: () => ({ status: "ok" }),
    me: (_parent, _args, context) => requireCaller(context),
    tenant: (_parent, _args, context) => getTenant(scopeOf(context)),
  },
};
