import { listModelVersions } from "@/prisma/store/model-version";
import { requireCaller, scopeOf } from "../context";
import type { ModelReport as StoredModelReport } from "@/scoring/report/build-model-report";
import type { Resolvers } from "../generated/resolvers-types";
import { readModelScale } from "@/core/scoring/model-scale";
import { labelOf } from "@/core/scoring/present-score";
import { getPortfolioPerformance } from "@/core/get-portfolio-performance";
import { createUser, disableUser, listUsers, setUserRole } from "@/core/manage-users";
import { draftPolicy, listPolicyVersions } from "@/core/draft-policy";

export const administrationResolvers: Resolvers = {
  Query: {
    modelVersions: (_parent, _args, context) => listModelVersions(context.db, requireCaller(context).tenantId),
    portfolioPerformance: (_parent, args, context) => getPortfolioPerformance(scopeOf(context), args),
    policyVersions: (_parent, _args, context) => listPolicyVersions(scopeOf(context)),
    users: (_parent, _args, context) => listUsers(scopeOf(context)),
  },
  Mutation: {
    draftPolicy: (_parent, args, context) => draftPolicy(scopeOf(context), args.input),
    createUser: (_parent, args, context) => createUser(scopeOf(context), args.input),
    setUserRole: (_parent, args, context) => setUserRole(scopeOf(context), args.id, args.role),
    disableUser: (_parent, args, context) => disableUser(scopeOf(context), args.id),
  },
  ModelVersion: {
    scale: (version, _args, context) => readModelScale(context.db, requireCaller(context).tenantId, version.id),
    // The stored report is scoring/report's ModelReport (registered with the model); people read labels.
    report: (version) => {
      const report = version.report as StoredModelReport | null;
      // A tenant-trained version without an out-of-time check stores only its training report (core/model-training).
      if (!report || report.format !== "microtrust.model-report") return null;
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
