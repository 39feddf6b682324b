import { describe, expect, it } from "vitest";
import { rocAuc } from "../metrics";
import { aucComponents } from "../ensemble/paired-auc-difference";
import { aucWithInterval, erfc, pairedComponents, pairedDifferenceWithInterval, Z_95 } from "./delong-intervals";
import { compareModels, type ComparedLoan, type ComparedRecommendation } from "./compare-models";

describe("DeLong intervals", () => {
  it("matches a hand computation without ties", () => {
    // labels [0,0,1,1]; a = [.1,.2,.3,.4] separates perfectly: V10 = [1,1], V01 = [1,1], AUC 1, SE 0.
    // b = [.1,.3,.2,.4]: V10(b) = [ψ(.2;.1,.3), ψ(.4;.1,.3)] = [.5, 1]; V01(b) = [ψ(.2,.4;.1), ψ(.2,.4;.3)] = [1, .5];
    // AUC(b) = .75, Var = S²[.5,1]/2 + S²[1,.5]/2 = .125/2 + .125/2 = .125.
    // a − b: V10 diff [.5, 0], V01 diff [0, .5] → Var = .125/2 + .125/2 = .125, difference .25.
    const labels = [0, 0, 1, 1];
    const { a, b } = pairedComponents(labels, [0.1, 0.2, 0.3, 0.4], [0.1, 0.3, 0.2, 0.4]);
    expect(aucWithInterval(a)).toEqual({ auc: 1, standardError: 0, lower: 1, upper: 1 });
    const single = aucWithInterval(b);
    expect(single.auc).toBe(0.75);
    expect(single.standardError).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(single.lower).toBeCloseTo(0.75 - Z_95 * Math.sqrt(0.125), 12);
    expect(single.upper).toBe(1);
    const paired = pairedDifferenceWithInterval(a, b);
    expect(paired.difference).toBe(0.25);
    expect(paired.standardError).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(paired.z).toBeCloseTo(0.25 / Math.sqrt(0.125), 12);
    expect(paired.pValue).toBeCloseTo(erfc(0.25 / Math.sqrt(0.125) / Math.SQRT2), 12);
  });

  it("matches a hand computation with ties (ψ = ½): AUC 11/12, Var 1/72", () => {
    // positives .9, .5; negatives .5, .2, .1. V10 = [3/3, (2 + ½)/3] = [1, 5/6]; V01 = [(1 + ½)/2, 1, 1] = [.75, 1, 1].
    // S²(V10)/2 = (1/72)/2 = 1/144; S²(V01)/3 = (1/24)/3 = 1/72 / 2 = 1/144; Var = 1/72.
    const interval = aucWithInterval(aucComponents([1, 1, 0, 0, 0], [0.9, 0.5, 0.5, 0.2, 0.1]));
    expect(interval.auc).toBeCloseTo(11 / 12, 14);
    expect(interval.standardError).toBeCloseTo(1 / Math.sqrt(72), 14);
    expect(interval.auc).toBeCloseTo(rocAuc([1, 1, 0, 0, 0], [0.9, 0.5, 0.5, 0.2, 0.1]), 14);
  });

  it("is antisymmetric, and the difference of the two AUCs", () => {
    const labels = [1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
    const a = [0.8, 0.3, 0.6, 0.5, 0.1, 0.7, 0.4, 0.2, 0.35, 0.45];
    const b = [0.6, 0.4, 0.7, 0.2, 0.3, 0.5, 0.1, 0.55, 0.9, 0.25];
    const { a: ca, b: cb } = pairedComponents(labels, a, b);
    const ab = pairedDifferenceWithInterval(ca, cb);
    const ba = pairedDifferenceWithInterval(cb, ca);
    expect(ab.difference).toBeCloseTo(rocAuc(labels, a) - rocAuc(labels, b), 14);
    expect(ba.difference).toBeCloseTo(-ab.difference, 14);
    expect(ba.standardError).toBeCloseTo(ab.standardError, 14);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
    expect(ab.upper - ab.difference).toBeCloseTo(Z_95 * ab.standardError, 14);
  });

  it("gives the normal tail: erfc(0) = 1, p = 0.05 at z = 1.96, erfc(−x) = 2 − erfc(x)", () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(Z_95 / Math.SQRT2)).toBeCloseTo(0.05, 7);
    expect(erfc(-0.7)).toBeCloseTo(2 - erfc(0.7), 12);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
  });
});

const verdict = (probabilityOfDefault: number, recommendation: ComparedRecommendation, recommendedLimit: number) => ({ probabilityOfDefault, recommendation, recommendedLimit });

describe("compareModels", () => {
  // Six loans, two defaults. Champion approves 1–4, the challenger approves 1, 2, 5 and rejects 3 (a default).
  const loans: ComparedLoan[] = [
    { id: "s1", defaulted: false, champion: verdict(0.05, "APPROVE", 1000), challenger: verdict(0.04, "APPROVE", 1200) },
    { id: "s2", defaulted: false, champion: verdict(0.1, "APPROVE", 800), challenger: verdict(0.08, "APPROVE", 800) },
    { id: "s3", defaulted: true, champion: verdict(0.12, "APPROVE", 500), challenger: verdict(0.4, "REJECT", 0) },
    { id: "s4", defaulted: false, champion: verdict(0.2, "APPROVE", 400), challenger: verdict(0.2, "REVIEW", 300) },
    { id: "s5", defaulted: false, champion: verdict(0.35, "REJECT", 0), challenger: verdict(0.1, "APPROVE", 600) },
    { id: "s6", defaulted: true, champion: verdict(0.5, "REJECT", 0), challenger: verdict(0.6, "REJECT", 0) },
  ];

  it("reports approval rates, expected loss Σ PD × limit over approved loans, and both swap sets, as computed by hand", () => {
    const report = compareModels(loans);
    expect([report.loans, report.defaults]).toEqual([6, 2]);
    expect(report.champion).toMatchObject({ approved: 4, approvalRate: 4 / 6, approvedDefaults: 1 });
    expect(report.champion.expectedLoss).toBeCloseTo(0.05 * 1000 + 0.1 * 800 + 0.12 * 500 + 0.2 * 400, 10);
    expect(report.challenger).toMatchObject({ approved: 3, approvalRate: 3 / 6, approvedDefaults: 0 });
    expect(report.challenger.expectedLoss).toBeCloseTo(0.04 * 1200 + 0.08 * 800 + 0.1 * 600, 10);
    expect(report.approveToReject).toEqual({ count: 1, defaults: 1, ids: ["s3"] });
    expect(report.rejectToApprove).toEqual({ count: 1, defaults: 0, ids: ["s5"] });
    const cell = (champion: string, challenger: string) => report.recommendationMatrix.find((entry) => entry.champion === champion && entry.challenger === challenger)?.count;
    expect([cell("APPROVE", "APPROVE"), cell("APPROVE", "REVIEW"), cell("APPROVE", "REJECT"), cell("REJECT", "APPROVE"), cell("REJECT", "REJECT")]).toEqual([2, 1, 1, 1, 1]);
    expect(report.recommendationMatrix.reduce((n, entry) => n + entry.count, 0)).toBe(6);
  });

  it("ranks by PD: each AUC as rocAuc, the difference challenger − champion, KS, deciles and PSI", () => {
    const report = compareModels(loans);
    const labels = loans.map((loan) => (loan.defaulted ? 1 : 0));
    expect(report.champion.auc.auc).toBeCloseTo(rocAuc(labels, loans.map((loan) => loan.champion.probabilityOfDefault)), 14);
    expect(report.challenger.auc.auc).toBeCloseTo(rocAuc(labels, loans.map((loan) => loan.challenger.probabilityOfDefault)), 14);
    expect(report.aucDifference.difference).toBeCloseTo(report.challenger.auc.auc - report.champion.auc.auc, 14);
    expect(report.challenger.auc.auc).toBe(1);
    expect(report.champion.ks).toBeGreaterThan(0);
    expect(report.champion.calibration.reduce((n, bin) => n + bin.count, 0)).toBe(6);
    expect(report.psi).toBeGreaterThan(0);
    const same = compareModels(loans.map((loan) => ({ ...loan, challenger: loan.champion })));
    expect(same.psi).toBe(0);
    expect(same.aucDifference).toMatchObject({ difference: 0, standardError: 0, pValue: 1 });
    expect(same.approveToReject.count + same.rejectToApprove.count).toBe(0);
  });

  it("caps the swap ids it lists, not the counts", () => {
    const report = compareModels([...loans, { ...loans[2], id: "s7" }], { maxSwapIds: 1 });
    expect(report.approveToReject).toEqual({ count: 2, defaults: 2, ids: ["s3"] });
  });

  it("refuses loans of one outcome only, saying how many", () => {
    expect(() => compareModels(loans.filter((loan) => !loan.defaulted))).toThrow(/0 defaults among 4 loans/);
    expect(() => compareModels([])).toThrow(/both kinds/);
  });
});
