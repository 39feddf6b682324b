import type { Resolvers } from "../generated/resolvers-types";
import { createBorrower } from "../services/create-borrower";
import { getBorrower } from "../services/get-borrower";
import { listBorrowers } from "../services/list-borrowers";

export const borrowerResolvers: Resolvers = {
  Query: {
    borrower: (_parent, args, context) => getBorrower(context, args.id),
    borrowers: (_parent, args, context) => listBorrowers(context, args),
  },
  Mutation: {
    createBorrower: (_parent, args, context) => createBorrower(context, args.input),
  },
};
