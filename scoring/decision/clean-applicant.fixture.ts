import type { DecisionInput } from "./evaluate-decision";

/**
 * A clean, well-documented applicant the default policy approves (limit 42,000 on a 50,000 request): the
 * decision tests change one thing of it per case.
 */
export const cleanApplicant: DecisionInput = {
  modelScore: 700,
  probabilityOfDefault: 0.03,
  confidence: 0.8,
  subScores: { capacity: 120, discipline: 140 },
  monthlyNetInflow: 20000,
  existingMonthlyInstalments: 0,
  incomeCoefficientOfVariation: 0.2,
  monthsOfHistory: 18,
  defaultedElsewhere: false,
  maxDaysPastDueElsewhere: 0,
  fraudFlags: [],
  requestedAmount: 50000,
  requestedTenorDays: 180,
};
