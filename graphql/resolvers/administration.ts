import { listModelVersions } from "@/prisma/store/model-version";
import { requireCaller } from "../context";
import type { ModelReport, Resolvers } from "../generated/resolvers-types";
import { getPortfolioPerformance } from "../services/get-portfolio-performance";
import { createUser, disableUser, listUsers, setUserRole } from "../services/manage-users";
import { listPolicyVersions, publishPolicy } from "../services/publish-policy";

export const administrationResolvers: Resolvers = {
  Query: {
    modelVersions: (_parent, _args, context) => listModelVersions(context.db, requireCaller(context).tenantId),
    portfolioPerformance: (_parent, args, context) => getPortfolioPerformance(context, args),
    policyVersions: (_parent, _args, context) => listPolicyVersions(context),
    users: (_parent, _args, context) => listUsers(context),
  },
  Mutation: {
    publishPolicy: (_parent, args, context) => publishPolicy(context, args.input),
    createUser: (_parent, args, context) => createUser(context, args.input),
    setUserRole: (_parent, args, context) => setUserRole(context, args.id, args.role),
    disableUser: (_parent, args, context) => disableUser(context, args.id),
  },
  ModelVersion: {
    // A stored report has the SDL's shape (written by the model registration from the training report).
    report: (version) => (version.report as ModelReport | null) ?? null,
  },
  User: {
    disabled: (user) => user.disabledAt !== null,
  },
};
