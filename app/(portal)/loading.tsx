export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-slate-200" />
      <div className="h-48 w-full animate-pulse rounded bg-slate-100" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
