"use client";

import dynamic from "next/dynamic";

// GraphiQL (Monaco) needs the browser: load it on the client only, from the npm packages (no CDN).
const GraphiQLPanel = dynamic(() => import("./graphiql-panel"), {
  ssr: false,
  loading: () => <p className="text-slate-600">Loading the explorer…</p>,
});

export function GraphQLExplorer({ defaultQuery }: { defaultQuery: string }) {
  return (
    <div className="h-[75vh] overflow-hidden rounded-lg border border-slate-200 bg-white">
      <GraphiQLPanel defaultQuery={defaultQuery} />
    </div>
  );
}
