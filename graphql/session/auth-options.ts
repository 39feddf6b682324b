import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "@/prisma/store/database";
import type { Role } from "../generated/resolvers-types";
import { resolveSecret } from "../security/secrets";
import { authenticateUser } from "../services/authenticate-user";

// next-auth v4 builds absolute URLs from NEXTAUTH_URL; when it is unset, use the port the app listens on.
process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? "3000"}`;

const sessionMaxAgeSeconds = 8 * 60 * 60;

/**
 * next-auth configuration: email + password checked against the users table (argon2id), JWT sessions
 * (Credentials requires them) carrying userId, tenantId and role; cookies are `Secure` whenever
 * NEXTAUTH_URL is https (next-auth's default).
 */
export function createAuthOptions(): AuthOptions {
  return {
    secret: resolveSecret("authSecret"),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const { db } = await getDatabase();
          const user = await authenticateUser(db, credentials.email, credentials.password);
          return user && { id: user.userId, name: user.name, email: user.email, tenantId: user.tenantId, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as typeof user & { tenantId: string; role: Role };
          token.userId = signedIn.id;
          token.tenantId = signedIn.tenantId;
          token.role = signedIn.role;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.userId, tenantId: token.tenantId, role: token.role } };
      },
    },
  };
}

let authOptions: AuthOptions | undefined;

/** The process's next-auth options, built once (the secret may be read from the data directory). */
export function getAuthOptions(): AuthOptions {
  authOptions ??= createAuthOptions();
  return authOptions;
}
