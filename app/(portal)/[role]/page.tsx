import { notFound, redirect } from "next/navigation";
import { PortalBorrowersDocument, PortalOwnBorrowerDocument, PortalViewerDocument } from "@/graphql/generated/client/graphql";
import { executePortalQuery } from "@/graphql/portal/execute-portal-query";
import { getPortalUser } from "@/graphql/session/get-portal-session";
import { roleFromPath, roleHomes } from "../../_components/role-homes";
import { BorrowerTable } from "./borrower-table";

export default async function RoleHome({ params }: { params: Promise<{ role: string }> }) {
  const user = await getPortalUser();
  if (!user) redirect("/sign-in");
  const role = roleFromPath((await params).role);
  if (!role) notFound();
  if (role !== user.role) redirect(`/${roleHomes[user.role].path}`);
  const home = roleHomes[role];
  const viewer = await executePortalQuery(user, PortalViewerDocument, {});
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">{home.title}</h1>
        <p className="mt-1 text-slate-600">
          {viewer.tenant.name} · signed in as {viewer.me.name} ({viewer.me.email})
        </p>
        <p className="mt-3 max-w-3xl">{home.purpose}</p>
      </section>
      {role === "BORROWER" ? <OwnRecord user={user} borrowerId={viewer.me.borrowerId ?? null} /> : <Borrowers user={user} />}
      <section className="rounded-lg border border-amber-200 bg-amber-50 p-4">
        <h2 className="font-medium">Not built yet</h2>
        <p className="mt-1 text-sm text-slate-700">The tools of this page arrive with later issues. What is shown above is the real data of this tenant; nothing on this page is a placeholder.</p>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          {home.comingNext.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

async function Borrowers({ user }: { user: NonNullable<Awaited<ReturnType<typeof getPortalUser>>> }) {
  const { borrowers } = await executePortalQuery(user, PortalBorrowersDocument, { first: 10 });
  return (
    <section>
      <h2 className="text-lg font-medium">Borrowers on file</h2>
      <BorrowerTable borrowers={borrowers.edges.map((edge) => edge.node)} />
      {borrowers.pageInfo.hasNextPage && <p className="mt-2 text-sm text-slate-600">The first 10 are shown; the API pages through all of them.</p>}
    </section>
  );
}

async function OwnRecord({ user, borrowerId }: { user: NonNullable<Awaited<ReturnType<typeof getPortalUser>>>; borrowerId: string | null }) {
  const borrower = borrowerId ? (await executePortalQuery(user, PortalOwnBorrowerDocument, { id: borrowerId })).borrower : null;
  if (!borrower) return <p>No borrower record is linked to this account.</p>;
  const rows: [string, string][] = [
    ["Name", `${borrower.givenName} ${borrower.familyName}`],
    ["National id", `${borrower.nationalIdType} ending ${borrower.nationalIdLast4}`],
    ["Phone", borrower.phone],
    ["Date of birth", borrower.dateOfBirth],
  ];
  return (
    <section>
      <h2 className="text-lg font-medium">Your record</h2>
      <dl className="mt-3 grid max-w-xl grid-cols-[10rem_1fr] gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
