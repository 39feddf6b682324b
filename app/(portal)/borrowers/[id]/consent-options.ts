import type { ConsentPurpose, DataCategory } from "@/graphql/generated/client/graphql";

export const consentPurposes: { value: ConsentPurpose; label: string }[] = [
  { value: "LOAN_UNDERWRITING", label: "Loan underwriting" },
  { value: "LIMIT_REVIEW", label: "Limit review" },
  { value: "MONITORING", label: "Monitoring" },
];

export const dataCategories: { value: DataCategory; label: string }[] = [
  { value: "IDENTITY", label: "Identity" },
  { value: "TRANSACTIONS", label: "Transactions" },
  { value: "BILLS", label: "Bills" },
  { value: "LOAN_REPAYMENTS", label: "Loan repayments" },
  { value: "BEHAVIOURAL_EVENTS", label: "Account events" },
  { value: "BUREAU", label: "Credit bureau report" },
];
