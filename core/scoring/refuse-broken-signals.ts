// The scoring path's guard on the signal contract: rows read from the store are checked as the ingest API
// checks a batch, because they may predate a rule (mixed currencies stored before ingest refused them) or
// have been written around the API (SQL, an old import). A bundle that breaks the contract is refused, never
// scored silently.
import { checkSignalContract } from "@/scoring/signals/check-signal-contract";
import { SignalValidationError } from "@/scoring/signals/parse-signals";
import { DomainError, type InputIssue } from "../errors";

/**
 * @throws DomainError CONFLICT when the bundle breaks the signal contract: `field` names the first offending
 * item (`signals.transactions[3].currency`), `issues` every one, each message naming the item's externalId.
 */
export function refuseBrokenSignals(bundle: unknown): void {
  try {
    checkSignalContract(bundle);
  } catch (error) {
    if (!(error instanceof SignalValidationError)) throw error;
    const issues: InputIssue[] = error.issues.map((issue) => ({ field: `signals.${issue.path}`, message: issue.message }));
    throw new DomainError(
      "CONFLICT",
      `The borrower's stored signals break the signal contract (docs/signals.md), so they are not scored; correct or remove these rows: ${issues
        .slice(0, 5)
        .map((issue) => `${issue.field}: ${issue.message}`)
        .join("; ")}`,
      issues[0]?.field,
      issues,
    );
  }
}
