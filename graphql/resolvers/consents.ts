import type { Resolvers } from "../generated/resolvers-types";
import { grantConsent } from "../services/grant-consent";
import { consentStatus, listConsents } from "../services/list-consents";
import { revokeConsent } from "../services/revoke-consent";

export const consentResolvers: Resolvers = {
  Query: {
    consents: (_parent, args, context) => listConsents(context, args.borrowerId),
  },
  Mutation: {
    grantConsent: (_parent, args, context) => grantConsent(context, args.input),
    revokeConsent: (_parent, args, context) => revokeConsent(context, args.id),
  },
  Borrower: {
    consents: (borrower, _args, context) => listConsents(context, borrower.id),
  },
  Consent: {
    status: (consent, _args, context) => consentStatus(consent, context.now),
  },
};
