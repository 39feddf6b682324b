import { SignOutButton } from "./sign-out-button";

export default function SignOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign out</h1>
        <p className="mt-1 text-sm text-slate-600">End your MicroTrust session on this browser.</p>
        <SignOutButton />
      </div>
    </main>
  );
}
