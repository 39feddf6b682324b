import { getFairnessReport } from "@/core/fairness/get-fairness-report";
import { listProtectedAttributes, recordProtectedAttributes } from "@/core/fairness/protected-attributes";
import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";

export const fairnessResolvers: Resolvers = {
  Query: {
    protectedAttributes: (_parent, _args, context) => listProtectedAttributes(scopeOf(context)),
    fairnessReport: (_parent, args, context) => getFairnessReport(scopeOf(context), args),
  },
  Mutation: {
    recordProtectedAttributes: (_parent, args, context) => recordProtectedAttributes(scopeOf(context), args.entries),
  },
};
