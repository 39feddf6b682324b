import { SignInForm } from "./sign-in-form";

export default function SignInPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to MicroTrust</h1>
        <p className="mt-1 text-sm text-slate-600">Use the email and password your administrator gave you.</p>
        <SignInForm />
      </div>
    </main>
  );
}
