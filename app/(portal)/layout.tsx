import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getPortalUser } from "@/graphql/session/get-portal-session";
import { navigationFor } from "../_components/role-homes";
import { NavLinks } from "./nav-links";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getPortalUser();
  if (!user) redirect("/sign-in");
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <span className="font-semibold text-emerald-700">MicroTrust</span>
          <NavLinks links={navigationFor(user.role)} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600">
              {user.name} · <span className="font-medium">{user.role}</span>
            </span>
            <Link href="/sign-out" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-emerald-700">
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
