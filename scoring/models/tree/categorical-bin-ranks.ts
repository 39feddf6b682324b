import type { BinMapper, BinnedMatrix } from "../../data/binning";

/**
 * One fixed order of each categorical feature's value bins for tree growth: by the smoothed default
 * rate (Σ w·y + m·p̄) / (Σ w + m) with prior p̄ the weighted base rate and m = `smoothing` pseudo-rows
 * (the m-estimate of Cestnik 1990; CatBoost's target statistic with its prior, Prokhorenkova et al.
 * 2018, computed once on the fit rows). Splits then cut this order like a numeric threshold (Fisher 1958
 * shows an order by mean target is optimal for one split; fixing it once, rather than per node as
 * LightGBM does with gradients, keeps rare categories from being re-sorted into noise at every node).
 * Returns null for numeric features. Higher rank = riskier.
 * @example categoricalBinRanks(mapper, binned, y, weights, 100)[j] // Float64Array of length valueBinCount
 */
export function categoricalBinRanks(mapper: BinMapper, binned: BinnedMatrix, y: ArrayLike<number>, weights: ArrayLike<number>, smoothing: number): (Float64Array | null)[] {
  let positive = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    positive += weights[i] * y[i];
    total += weights[i];
  }
  const prior = total > 0 ? positive / total : 0;
  return mapper.bins.map((binning, j) => {
    if (binning.kind !== "categorical") return null;
    const events = new Float64Array(binning.valueBinCount + 1);
    const counts = new Float64Array(binning.valueBinCount + 1);
    const column = binned.columns[j];
    for (let i = 0; i < column.length; i++) {
      events[column[i]] += weights[i] * y[i];
      counts[column[i]] += weights[i];
    }
    return Float64Array.from(counts, (count, b) => (events[b] + smoothing * prior) / (count + smoothing));
  });
}
