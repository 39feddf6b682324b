"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { IngestSignalsDocument, type IngestSignalsMutation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { csvColumns, readSignalFile, type CsvSignalKind, type FileIssue } from "../../../_components/signal-file";
import { buttonClass, inputClass } from "../../../_components/ui";

const csvKinds: { value: CsvSignalKind; label: string }[] = [
  { value: "transactions", label: "Transactions" },
  { value: "bills", label: "Bills" },
  { value: "loanInstalments", label: "Loan instalments" },
  { value: "events", label: "Account events" },
  { value: "bureauRecords", label: "Credit bureau records" },
];

/** The example files of docs/examples/signals, served by ../signal-examples/[file]/route.ts. */
const examples: { file: string; label: string }[] = [
  { file: "transactions.csv", label: "transactions" },
  { file: "bills.csv", label: "bills" },
  { file: "loan-instalments.csv", label: "loan instalments" },
  { file: "events.csv", label: "account events" },
  { file: "bureau-records.csv", label: "bureau records" },
  { file: "batch.json", label: "everything in one JSON file" },
];

type Counts = IngestSignalsMutation["ingestSignals"];

/**
 * A CSV or JSON file in the signal schema → ingestSignals. The batch is all or nothing: the report lists
 * every invalid row the server named (extensions.issues), mapped back to the file's row numbers.
 */
export function SignalUpload({ borrowerId, accounts }: { borrowerId: string; accounts: { id: string; label: string }[] }) {
  const router = useRouter();
  const [csvKind, setCsvKind] = useState<CsvSignalKind>("transactions");
  const [fileIssues, setFileIssues] = useState<FileIssue[]>([]);
  const [error, setError] = useState<{ apiError: ApiError; describe: (field: string) => string } | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("signals");
    setFileIssues([]);
    setError(null);
    setCounts(null);
    if (!(file instanceof File) || file.size === 0) {
      setFileIssues([{ field: "file", message: "choose a .csv or .json file first" }]);
      return;
    }
    const read = readSignalFile(file.name, await file.text(), csvKind);
    if (!read.ok) {
      setFileIssues(read.issues);
      return;
    }
    setPending(true);
    const result = await requestGraphQL(IngestSignalsDocument, { input: { borrowerId, ...read.batch } });
    setPending(false);
    if (result.error) {
      setError({ apiError: result.error, describe: read.describeField });
      return;
    }
    setCounts(result.data.ingestSignals);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Upload signals">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm">
          <span className="font-medium">Signals file (.csv or .json)</span>
          <input type="file" name="signals" accept=".csv,.json,text/csv,application/json" className={`${inputClass} file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1`} aria-describedby="signals-format" />
        </label>
        <label className="text-sm">
          <span className="font-medium">A CSV file holds</span>
          <select value={csvKind} onChange={(event) => setCsvKind(event.target.value as CsvSignalKind)} className={inputClass}>
            {csvKinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div id="signals-format" className="text-xs text-slate-600">
        <p>
          CSV columns: <code>{[...csvColumns[csvKind].required, ...csvColumns[csvKind].optional.map((column) => `${column}?`)].join(", ")}</code>. JSON: an object with <code>transactions</code>, <code>bills</code>, <code>loans</code>, <code>events</code> and/or <code>bureauRecords</code> arrays (docs/signals.md). Amounts in major units; days as YYYY-MM-DD, instants with a time zone.
        </p>
        <p className="mt-1">
          Example files{accounts.length > 0 ? ` (accountId filled in with ${accounts[0].label})` : ""}:{" "}
          {examples.map((example, index) => (
            <span key={example.file}>
              {index > 0 && ", "}
              <a className="text-emerald-800 underline" download={example.file} href={`/borrowers/signal-examples/${example.file}${accounts.length > 0 ? `?accountId=${encodeURIComponent(accounts[0].id)}` : ""}`}>
                {example.label}
              </a>
            </span>
          ))}
          .
        </p>
        {accounts.length > 0 ? (
          <p className="mt-1">
            Account ids for <code>accountId</code>:{" "}
            {accounts.map((account) => (
              <span key={account.id} className="mr-2 inline-block">
                {account.label}: <code className="break-all select-all">{account.id}</code>
              </span>
            ))}
          </p>
        ) : (
          <p className="mt-1">Link an account first: transactions name the account they went through.</p>
        )}
      </div>
      {fileIssues.length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">The file was not sent:</p>
          <ul className="list-disc pl-5">
            {fileIssues.map((issue) => (
              <li key={`${issue.field}:${issue.message}`}>
                <span className="font-mono">{issue.field}</span> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <div>
          {error.apiError.issues.length > 0 && <p className="mb-1 text-sm font-medium">Nothing was stored: fix these rows and upload the whole file again.</p>}
          <ApiErrorAlert error={error.apiError} issueLabel={error.describe} />
        </div>
      )}
      {counts && (
        <div role="status">
          <p className="text-sm font-medium text-emerald-800">Signals stored.</p>
          <table className="mt-1 w-full max-w-md text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Kind</th>
                <th className="py-1 text-right font-medium">Received</th>
                <th className="py-1 text-right font-medium">Stored</th>
                <th className="py-1 text-right font-medium">Already held</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["Transactions", counts.transactions],
                  ["Bills", counts.bills],
                  ["Loan instalments", counts.loanInstalments],
                  ["Account events", counts.events],
                  ["Bureau records", counts.bureauRecords],
                ] as const
              ).map(([label, count]) => (
                <tr key={label} className="border-t border-slate-100 tabular-nums">
                  <td className="py-1">{label}</td>
                  <td className="py-1 text-right">{count.received}</td>
                  <td className="py-1 text-right">{count.stored}</td>
                  <td className="py-1 text-right">{count.duplicates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Uploading…" : "Upload signals"}
      </button>
    </form>
  );
}
