"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { JobState } from "@/graphql/generated/client/graphql";
import { Badge, type BadgeTone } from "../../_components/ui";

const stateTone: Record<JobState, BadgeTone> = { QUEUED: "slate", RUNNING: "blue", SUCCEEDED: "green", FAILED: "red", CANCELLED: "amber" };

export function JobStateBadge({ state }: { state: JobState }) {
  return <Badge tone={stateTone[state]}>{state.charAt(0) + state.slice(1).toLowerCase()}</Badge>;
}

/** done of total as a bar with its figures; total is unknown until the job has listed its borrowers. */
export function ProgressBar({ done, total, compact = false }: { done: number; total: number | null; compact?: boolean }) {
  const share = total ? Math.min(1, done / total) : 0;
  const label = total === null ? `${done} done, counting…` : `${done} of ${total} done`;
  return (
    <div className={compact ? "w-40" : "w-full"}>
      <div role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={total ?? undefined} aria-valuenow={done} aria-valuetext={label} className="h-2 w-full overflow-hidden rounded bg-slate-200">
        <div className="h-2 rounded bg-emerald-600" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">{label}</p>
    </div>
  );
}

/** Reloads the page's data every second while the job has not finished. */
export function RefreshWhileRunning({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}
