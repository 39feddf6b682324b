"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="mt-6 w-full rounded bg-slate-800 px-3 py-2 font-medium text-white hover:bg-slate-900">
      Sign out
    </button>
  );
}
