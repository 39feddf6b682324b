import type { PortalBorrowersQuery } from "@/graphql/generated/client/graphql";

type BorrowerRow = PortalBorrowersQuery["borrowers"]["edges"][number]["node"];

export function BorrowerTable({ borrowers }: { borrowers: BorrowerRow[] }) {
  if (borrowers.length === 0) return <p className="mt-3 text-slate-600">No borrowers yet.</p>;
  return (
    <table className="mt-3 w-full max-w-3xl text-left text-sm">
      <thead className="border-b border-slate-300 text-slate-500">
        <tr>
          <th className="py-2 font-medium">Reference</th>
          <th className="py-2 font-medium">Name</th>
          <th className="py-2 font-medium">Phone</th>
          <th className="py-2 font-medium">ID verified</th>
        </tr>
      </thead>
      <tbody>
        {borrowers.map((borrower) => (
          <tr key={borrower.id} className="border-b border-slate-100">
            <td className="py-1.5 font-mono">{borrower.externalId}</td>
            <td className="py-1.5">
              {borrower.givenName} {borrower.familyName}
            </td>
            <td className="py-1.5">{borrower.phone}</td>
            <td className="py-1.5">{borrower.idVerified ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
