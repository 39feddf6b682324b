import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { createBorrower } from "@/core/create-borrower";
import { getBorrower } from "@/core/get-borrower";
import { listBorrowers } from "@/core/list-borrowers";

export const borrowerResolvers: Resolvers = {
  Query: {
    borrower: (_parent, args, context) => getBorrower(scopeOf(context), args.id),
    borrowers: (_parent, args, context) => listBorrowers(scopeOf(context), args),
  },
  Mutation: {
    createBorrower: (_parent, args, context) => createBorrower(scopeOf(context), args.input),
  },
};
