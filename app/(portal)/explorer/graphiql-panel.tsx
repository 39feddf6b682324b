"use client";

import "graphiql/setup-workers/webpack";
import "graphiql/style.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";

const fetcher = createGraphiQLFetcher({ url: "/api/graphql" });

export default function GraphiQLPanel({ defaultQuery }: { defaultQuery: string }) {
  return <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />;
}
