import { describe, expect, it } from "vitest";
import { directModeFeatures, featuresFromIndicators, parseBehaviouralIndicators } from "./direct-mode";
import { featureNames } from "./feature-catalog";

describe("featuresFromIndicators", () => {
  it("fills exactly the stated indicators' features and leaves every other feature NaN", () => {
    const f = featuresFromIndicators({ billPaymentOnTimeShare: 0.9, monthlyIncome: 30_000, idVerified: true });
    expect(f.billOnTimeShare365).toBe(0.9);
    expect(f.monthlyIncome180).toBe(30_000);
    expect(f.identityUnverified).toBe(0);
    const filled = featureNames.filter((name) => !Number.isNaN(f[name]));
    expect(filled.sort()).toEqual(["billOnTimeShare365", "identityUnverified", "monthlyIncome180"]);
  });

  it("leaves every feature outside direct mode NaN even when all indicators are given", () => {
    const f = featuresFromIndicators({
      billPaymentOnTimeShare: 1, mobileMoneyActiveDayShare: 0.5, incomeStabilityIndex: 0.8, monthlyIncome: 1, monthsWithInflowShare: 1, monthsOfHistory: 12,
      loanRepaymentOnTimeShare: 1, previousLoans: 2, accountTenureMonths: 30, simTenureMonths: 40, ageYears: 33, idVerified: false,
    });
    for (const name of featureNames) expect(Number.isNaN(f[name]), name).toBe(!directModeFeatures.includes(name));
  });

  it("maps the income stability index 1/(1+CV) back onto the coefficient of variation", () => {
    expect(featuresFromIndicators({ incomeStabilityIndex: 1 }).incomeVolatility365).toBe(0);
    expect(featuresFromIndicators({ incomeStabilityIndex: 0.5 }).incomeVolatility365).toBe(1);
    expect(featuresFromIndicators({ incomeStabilityIndex: 0.01 }).incomeVolatility365).toBe(Math.sqrt(11));
  });
});

describe("parseBehaviouralIndicators", () => {
  it("names the field out of range and refuses an empty form", () => {
    const bad = parseBehaviouralIndicators({ billPaymentOnTimeShare: 1.2 });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].path).toBe("billPaymentOnTimeShare");
    const empty = parseBehaviouralIndicators({});
    expect(empty.success).toBe(false);
    if (!empty.success) expect(empty.error.issues[0].message).toBe("must state at least one indicator");
    expect(parseBehaviouralIndicators({ monthlyIncome: 100 }).success).toBe(true);
  });
});
