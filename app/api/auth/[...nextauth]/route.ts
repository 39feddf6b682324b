import NextAuth from "next-auth";
import { getAuthOptions } from "@/graphql/session/auth-options";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handle(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context);
}

export { handle as GET, handle as POST };
