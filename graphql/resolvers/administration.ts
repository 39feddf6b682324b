import { listModelVersions } from "@/prisma/store/model-version";
import { requireCaller } from "../context";
import type { ModelReport as StoredModelReport } from "@/scoring/report/build-model-report";
import type { Resolvers } from "../generated/resolvers-types";
import { labelOf } from "../scoring/present-score";
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
    // The stored report is scoring/report's ModelReport (registered with the model); people read labels.
    report: (version) => {
      const report = version.report as StoredModelReport | null;
      if (!report) return null;
      return {
        ...report,
        roc: [...report.roc],
        calibration: [...report.calibration],
        featureImportance: report.featureImportance.map((entry) => ({ ...entry, label: labelOf(entry.feature) })),
        componentImportance: report.componentImportance.map((entry) => ({ ...entry, label: labelOf(entry.component) })),
      };
    },
  },
  User: {
    disabled: (user) => user.disabledAt !== null,
  },
};
