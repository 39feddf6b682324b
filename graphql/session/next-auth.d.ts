import type { Role } from "../generated/resolvers-types";

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    tenantId: string;
    role: Role;
    sessionVersion?: number;
  }
}

declare module "next-auth" {
  interface Session {
    user: { id: string; tenantId: string; role: Role; sessionVersion: number; name?: string | null; email?: string | null };
  }
}
