"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`rounded px-1 py-0.5 focus-visible:outline-2 focus-visible:outline-emerald-700 ${current ? "font-medium text-emerald-800 underline underline-offset-4" : "text-slate-700 hover:text-emerald-700"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
