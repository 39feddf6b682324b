import { print } from "graphql";
import { PortalViewerDocument } from "@/graphql/generated/client/graphql";
import { GraphQLExplorer } from "./graphql-explorer";

export default function ExplorerPage() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">GraphQL explorer</h1>
      <p className="text-sm text-slate-600">
        Queries run as you, against <code>/api/graphql</code>. Other systems call the same endpoint with <code>Authorization: Bearer &lt;api key&gt;</code>.
      </p>
      <GraphQLExplorer defaultQuery={print(PortalViewerDocument)} />
    </div>
  );
}
