import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { grantConsent } from "@/core/grant-consent";
import { consentStatus, listConsents } from "@/core/list-consents";
import { revokeConsent } from "@/core/revoke-consent";

export const consentResolvers: Resolvers = {
  Query: {
    consents: (_parent, args, context) => listConsents(scopeOf(context), args.borrowerId),
  },
  Mutation: {
    grantConsent: (_parent, args, context) => grantConsent(scopeOf(context), args.input),
    revokeConsent: (_parent, args, context) => revokeConsent(scopeOf(context), args.id),
  },
  Borrower: {
    consents: (borrower, _args, context) => listConsents(scopeOf(context), borrower.id),
  },
  Consent: {
    status: (consent, _args, context) => consentStatus(consent, context.now),
  },
};
