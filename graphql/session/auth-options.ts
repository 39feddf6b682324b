import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "@/prisma/store/database";
import type { Role } from "../generated/resolvers-types";
import { resolveSecret } from "@/core/security/secrets";
import { authenticateUser } from "@/core/authenticate-user";
import { SIGN_IN_THROTTLED } from "@/core/sign-in-throttle";
import { endUserSessions } from "@/core/resolve-session-caller";
import { clientAddressFrom } from "../http/client-address";

// next-auth v4 builds absolute URLs from NEXTAUTH_URL; when it is unset, use the port the app listens on.
process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? "3000"}`;

const sessionMaxAgeSeconds = 8 * 60 * 60;

/** The client's address from next-auth's plain header record (a value may be a string or a list). */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  return clientAddressFrom((name) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
  });
}

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
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) return null;
          const { db } = await getDatabase();
          const result = await authenticateUser(db, credentials.email, credentials.password, { now: new Date(), ipAddress: clientAddress(request.headers) });
          // A thrown error's message reaches the sign-in form as `error` (next-auth's credentials callback).
          if (!result.ok && result.reason === "TOO_MANY_ATTEMPTS") throw new Error(SIGN_IN_THROTTLED);
          if (!result.ok) return null;
          const { user } = result;
          return { id: user.userId, name: user.name, email: user.email, tenantId: user.tenantId, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as typeof user & { tenantId: string; role: Role; sessionVersion: number };
          token.userId = signedIn.id;
          token.tenantId = signedIn.tenantId;
          token.role = signedIn.role;
          token.sessionVersion = signedIn.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.userId, tenantId: token.tenantId, role: token.role, sessionVersion: token.sessionVersion ?? 0 } };
      },
    },
    events: {
      // The JWT itself cannot be recalled: raising the user's session version makes every copy of it invalid.
      async signOut({ token }) {
        if (!token?.userId || !token.tenantId) return;
        const { db } = await getDatabase();
        await endUserSessions(db, { userId: token.userId, tenantId: token.tenantId, sessionVersion: token.sessionVersion ?? 0 });
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
