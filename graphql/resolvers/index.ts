import type { Resolvers } from "../generated/resolvers-types";
import { administrationResolvers } from "./administration";
import { apiKeyResolvers } from "./api-keys";
import { approvalResolvers } from "./approvals";
import { auditResolvers } from "./audit";
import { borrowerResolvers } from "./borrowers";
import { consentResolvers } from "./consents";
import { decisionResolvers } from "./decisions";
import { identityResolvers } from "./identity";
import { jobResolvers } from "./jobs";
import { rightsResolvers } from "./rights";
import { modelLifecycleResolvers } from "./model-lifecycle";
import { modelTrainingResolvers } from "./model-training";
import { DateScalar, DateTime, DecimalScalar, JSONScalar } from "./scalars";
import { scoringResolvers } from "./scoring";
import { signalResolvers } from "./signals";
import { simulationResolvers } from "./simulation";
import { fairnessResolvers } from "./fairness";

/** Every module's resolvers; makeExecutableSchema merges the root types. */
export const resolvers: Resolvers[] = [
  { Date: DateScalar, DateTime, Decimal: DecimalScalar, JSON: JSONScalar },
  identityResolvers,
  borrowerResolvers,
  apiKeyResolvers,
  signalResolvers,
  consentResolvers,
  scoringResolvers,
  decisionResolvers,
  auditResolvers,
  administrationResolvers,
  jobResolvers,
  simulationResolvers,
  fairnessResolvers,
  modelLifecycleResolvers,
  approvalResolvers,
  rightsResolvers,
  modelTrainingResolvers,
];
