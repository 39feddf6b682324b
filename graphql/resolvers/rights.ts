import { requireCaller, scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { listBorrowerRequests } from "@/core/borrower-rights/list-borrower-requests";
import { requestErasure } from "@/core/borrower-rights/request-erasure";
import { requestHumanReview } from "@/core/borrower-rights/request-human-review";
import { findOpenHumanReview, listHumanReviews } from "@/prisma/store/borrower-request";

export const rightsResolvers: Resolvers = {
  Query: {
    borrowerRequests: (_parent, args, context) => listBorrowerRequests(scopeOf(context), args.borrowerId),
  },
  Mutation: {
    requestHumanReview: (_parent, args, context) => requestHumanReview(scopeOf(context), args.input),
    requestErasure: (_parent, args, context) => requestErasure(scopeOf(context), args.input),
  },
  CreditScore: {
    contested: async (score, _args, context) => (await findOpenHumanReview(context.db, requireCaller(context).tenantId, score.id)) !== null,
    humanReviews: (score, _args, context) => listHumanReviews(context.db, requireCaller(context).tenantId, score.id),
  },
  BorrowerRequest: {
    resolution: (request) => request.resolution ?? null,
  },
};
