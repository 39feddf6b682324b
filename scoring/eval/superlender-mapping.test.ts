import { describe, expect, it } from "vitest";
import { computeFeatures } from "../features/compute-features";
import { parseSignals } from "../signals/parse-signals";
import { loanFromPreviousLoan, toLagosInstant } from "./superlender-mapping";

// Hand-made rows in the file's format (not from the dataset).
const thirtyDay = {
  systemloanid: "1", loanamount: "10000", totaldue: "13000", termdays: "30",
  approveddate: "2017-03-05 10:56:25.000000", firstduedate: "2017-04-04 00:00:00.000000",
  firstrepaiddate: "2017-04-26 22:03:47.000000", closeddate: "2017-04-26 22:18:56.000000",
};
const sixtyDay = { ...thirtyDay, systemloanid: "2", termdays: "60", firstrepaiddate: "2017-04-03 09:00:00.000000", closeddate: "2017-05-10 12:00:00.000000" };

describe("SuperLender mapping", () => {
  it("reads local times as Lagos instants", () => {
    expect(toLagosInstant("2016-09-01 15:51:43.000000")).toBe("2016-09-01T15:51:43+01:00");
  });

  it("maps a one-month loan to one instalment repaid at closing, and a two-month loan to first and last instalments", () => {
    expect(loanFromPreviousLoan(thirtyDay).instalments).toEqual([{ dueDate: "2017-04-04", amountDue: 13000, paidAt: "2017-04-26T22:18:56+01:00", amountPaid: 13000 }]);
    expect(loanFromPreviousLoan(sixtyDay).instalments).toEqual([
      { dueDate: "2017-04-04", amountDue: 6500, paidAt: "2017-04-03T09:00:00+01:00", amountPaid: 6500 },
      { dueDate: "2017-05-04", amountDue: 6500, paidAt: "2017-05-10T12:00:00+01:00", amountPaid: 6500 },
    ]);
  });

  it("gives valid signals whose repayment features follow the dates", () => {
    const bundle = { accounts: [], transactions: [], bills: [], loans: [loanFromPreviousLoan(thirtyDay), loanFromPreviousLoan(sixtyDay)], events: [] };
    expect(parseSignals(bundle).success).toBe(true);
    const f = computeFeatures(bundle, undefined, "2017-07-01T00:00:00+01:00");
    expect(f.priorLoanCount).toBe(2);
    expect(f.loanOnTimeShare).toBe(1 / 3); // 22 days late, 1 day early, 6 days late
    expect(f.loanMeanDaysLate).toBe((22 + 0 + 6) / 3);
  });
});
