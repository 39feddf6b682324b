import { approveChange, describeChangeSubject, listChangeProposals, proposeChange, rejectChange } from "@/core/approvals/change-proposals";
import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";

export const approvalResolvers: Resolvers = {
  Query: {
    changeProposals: (_parent, args, context) => listChangeProposals(scopeOf(context), args),
  },
  Mutation: {
    proposeChange: (_parent, args, context) => proposeChange(scopeOf(context), args.input),
    approveChange: (_parent, args, context) => approveChange(scopeOf(context), args.input),
    rejectChange: (_parent, args, context) => rejectChange(scopeOf(context), args.input),
  },
  ChangeProposal: {
    subjectLabel: async (proposal, _args, context) => (await describeChangeSubject(scopeOf(context), proposal)).label,
    subjectStatus: async (proposal, _args, context) => (await describeChangeSubject(scopeOf(context), proposal)).status,
  },
};
