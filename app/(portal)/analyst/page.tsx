import Link from "next/link";
import { BorrowerListDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDate } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles, roleHomes, writingRoles } from "../../_components/role-homes";
import { EmptyState, PageHeader, Section, TableScroll, buttonClass, inputClass, secondaryButtonClass } from "../../_components/ui";
import { CreateBorrowerForm } from "./create-borrower-form";

const pageSize = 20;

export default async function BorrowersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePortalRole(pageRoles.borrowers);
  const params = await searchParams;
  const search = (typeof params.q === "string" ? params.q : "").trim();
  const after = typeof params.after === "string" && params.after ? params.after : undefined;
  const list = await loadPortalQuery(user, BorrowerListDocument, { first: pageSize, after, search: search || undefined });
  const pageLink = (cursor?: string) => `/analyst?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(cursor ? { after: cursor } : {}) }).toString()}`;

  return (
    <div className="space-y-6">
      <PageHeader title={roleHomes.ANALYST.title}>{roleHomes.ANALYST.purpose}</PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Section title="Borrowers on file" id="borrowers-heading">
          <form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-2">
            <label className="min-w-0 flex-1 text-sm">
              <span className="font-medium">Search by name, phone or reference</span>
              <input type="search" name="q" defaultValue={search} className={inputClass} />
            </label>
            <button type="submit" className={buttonClass}>
              Search
            </button>
          </form>
          {!list.ok ? (
            <LoadError what="the borrowers" message={list.error} />
          ) : list.data.borrowers.edges.length === 0 ? (
            <EmptyState>{search ? `No borrower matches “${search}”.` : "No borrowers yet."}</EmptyState>
          ) : (
            <>
              <TableScroll label="Borrowers">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <thead className="border-b border-slate-300 text-slate-500">
                    <tr>
                      <th className="py-2 font-medium">Reference</th>
                      <th className="py-2 font-medium">Name</th>
                      <th className="py-2 font-medium">Phone</th>
                      <th className="py-2 font-medium">ID verified</th>
                      <th className="py-2 font-medium">Added</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.borrowers.edges.map(({ node }) => (
                      <tr key={node.id} className="border-b border-slate-100">
                        <td className="py-1.5 font-mono text-xs">{node.externalId}</td>
                        <td className="py-1.5">
                          <Link href={`/borrowers/${node.id}`} className="font-medium text-emerald-800 hover:underline">
                            {node.givenName} {node.familyName}
                          </Link>
                        </td>
                        <td className="py-1.5">{node.phone}</td>
                        <td className="py-1.5">{node.idVerified ? "yes" : "no"}</td>
                        <td className="py-1.5">{formatDate(node.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <nav aria-label="Pages of borrowers" className="mt-3 flex gap-2">
                {after && (
                  <Link href={pageLink()} className={secondaryButtonClass}>
                    First page
                  </Link>
                )}
                {list.data.borrowers.pageInfo.hasNextPage && list.data.borrowers.pageInfo.endCursor && (
                  <Link href={pageLink(list.data.borrowers.pageInfo.endCursor)} className={secondaryButtonClass}>
                    Next page
                  </Link>
                )}
              </nav>
            </>
          )}
        </Section>
        {writingRoles.includes(user.role) && (
          <Section title="New borrower" id="new-borrower-heading">
            <CreateBorrowerForm />
          </Section>
        )}
      </div>
    </div>
  );
}
