import type { Resolvers } from "../generated/resolvers-types";
import { apiKeyResolvers } from "./api-keys";
import { borrowerResolvers } from "./borrowers";
import { identityResolvers } from "./identity";
import { DateScalar, DateTime } from "./scalars";

/** Every module's resolvers; makeExecutableSchema merges the root types. */
export const resolvers: Resolvers[] = [{ Date: DateScalar, DateTime }, identityResolvers, borrowerResolvers, apiKeyResolvers];
