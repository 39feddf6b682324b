import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getPortalUser } from "@/graphql/session/get-portal-session";
import { roleHomes } from "../_components/role-homes";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getPortalUser();
  if (!user) redirect("/sign-in");
  const home = roleHomes[user.role];
  const links = [
    { href: `/${home.path}`, label: home.title },
    ...(user.role === "BORROWER" ? [] : [{ href: "/explorer", label: "GraphQL explorer" }]),
  ];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <span className="font-semibold text-emerald-700">MicroTrust</span>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {links.map((link) => (
              <Link key={link.href} href={link.href} className="text-slate-700 hover:text-emerald-700">
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-4 text-sm">
            <span className="text-slate-600">
              {user.name} · <span className="font-medium">{user.role}</span>
            </span>
            <Link href="/sign-out" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
    </div>
  );
}
