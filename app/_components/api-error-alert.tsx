import type { ApiError } from "./graphql-request";

const codeHeadings: Record<string, string> = {
  BAD_USER_INPUT: "Please correct the input",
  CONSENT_REQUIRED: "Consent required",
  FORBIDDEN: "Not allowed",
  UNAUTHENTICATED: "Signed out",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict with existing data",
  NETWORK: "No connection",
};

/** An inline, specific error: what failed, the field the server named and each per-item issue. */
export function ApiErrorAlert({ error, issueLabel }: { error: ApiError; issueLabel?: (field: string) => string }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">
        {codeHeadings[error.code] ?? "Something went wrong"} <span className="font-mono text-xs text-red-700">({error.code})</span>
      </p>
      {error.issues.length > 0 ? (
        <p className="mt-1">
          {error.issues.length} invalid item{error.issues.length === 1 ? "" : "s"}; nothing was changed:
        </p>
      ) : (
        <p className="mt-1">
          {error.field && !error.message.startsWith(`${error.field}:`) && <span className="font-mono">{error.field}: </span>}
          {error.message}
        </p>
      )}
      {error.issues.length > 0 && (
        <ul className="mt-2 max-h-64 list-disc overflow-auto pl-5" aria-label="Validation issues">
          {error.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <span className="font-mono">{issueLabel ? issueLabel(issue.field) : issue.field}</span>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The error state of a server-rendered section whose query failed. */
export function LoadError({ what, message }: { what: string; message: string }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">Could not load {what}.</p>
      <p className="mt-1 break-words">{message}</p>
    </div>
  );
}
