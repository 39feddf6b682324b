export interface CashFlowMonth {
  month: string;
  inflow: string;
  outflow: string;
  net: string;
}

/** Whether any month had money in or out (the summary lists all 12 months, with zeros when nothing moved). */
export function hasCashFlow(months: readonly CashFlowMonth[]): boolean {
  return months.some((month) => Number(month.inflow) !== 0 || Number(month.outflow) !== 0);
}
