"use client";

import { useSyncExternalStore } from "react";

const narrowQuery = "(max-width: 639px)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(narrowQuery);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** True below Tailwind's `sm` breakpoint (640 px), for charts whose axes need less room on phones. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(narrowQuery).matches,
    () => false,
  );
}
