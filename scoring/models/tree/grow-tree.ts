import type { Random } from "../../core/random";
import { upperEdgeOfBin, type BinMapper, type BinnedMatrix } from "../../data/binning";
import { DecisionTree } from "./decision-tree";

/**
 * Per-row statistics a tree is grown on, three channels summed in every histogram bin:
 * - gradient boosting: g = ∂loss/∂margin·w, h = ∂²loss/∂margin²·w, weight = w;
 * - random forest: g = y·w (positive weight), h = w (bootstrap count × sample weight), weight = 1
 *   per drawn row, so that minWeightLeaf counts distinct rows as scikit-learn's min_samples_leaf does.
 * Rows of weight 0 may be passed (they follow the splits, count nowhere).
 */
export interface TreeGrowthData {
  readonly mapper: BinMapper;
  readonly binned: BinnedMatrix;
  readonly gradients: Float64Array;
  readonly hessians: Float64Array;
  readonly weights: Float64Array;
}

export interface TreeGrowthSettings {
  /** Deepest level a split may create (the root is level 0). */
  readonly maxDepth: number;
  /** Growth is best-first (LightGBM's leaf-wise) and stops at this many leaves. */
  readonly maxLeaves: number;
  /** Least weight (sample count for unit weights) in each child. */
  readonly minWeightLeaf: number;
  /** Least hessian sum in each child (XGBoost's min_child_weight). */
  readonly minHessianLeaf: number;
  /** A split is made only if its gain exceeds this (XGBoost's γ); 0 demands a strict improvement. */
  readonly minSplitGain: number;
  /** λ, the L2 penalty in G²/(H+λ). */
  readonly l2Regularization: number;
  /** Added to H when categories are ordered by G/(H + smoothing) (LightGBM's cat_smooth). */
  readonly categorySmoothing: number;
  /**
   * Per feature, a fixed rank of each value bin (categoricalBinRanks), or absent: categorical splits
   * then scan prefixes of that one order at every node instead of re-ordering the categories by the
   * node's own gradients, which searches far fewer partitions and overfits rare categories less.
   */
  readonly categoryRanks?: readonly (Float64Array | null)[];
  /**
   * Features tried per node (scikit-learn's max_features). Fewer than the tree's allowed features: a
   * fresh random subset per node, widened batch by batch until a valid split is found (scikit-learn's
   * rule); histograms are then built per node. Otherwise every allowed feature, and the larger child's
   * histogram is the parent's minus the smaller child's (LightGBM).
   */
  readonly featuresPerSplit: number;
  /** Per feature: +1 non-decreasing, -1 non-increasing, 0 free (LightGBM's basic method). Numeric features only. */
  readonly monotone?: Int8Array;
  /** Which channel's sum is a node's cover (the training weight TreeSHAP's expectations use). */
  readonly coverChannel: "weight" | "hessian";
  /** The output of a leaf from its sums, within the monotone bounds [lower, upper] of its node. */
  readonly leafValue: (sumGradient: number, sumHessian: number, lower: number, upper: number) => number;
}

interface GrowingNode {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly sumGradient: number;
  readonly sumHessian: number;
  readonly sumWeight: number;
  readonly lower: number;
  readonly upper: number;
  histogram: Float64Array | null;
  split: SplitCandidate | null;
  /** Index in the output tree. */
  readonly id: number;
}

interface SplitCandidate {
  readonly gain: number;
  readonly feature: number;
  /** 1 where a bin goes left, including the missing bin (the default direction). */
  readonly leftBins: Uint8Array;
  readonly defaultLeft: boolean;
  readonly leftGradient: number;
  readonly leftHessian: number;
  readonly leftWeight: number;
  readonly leftOutput: number;
  readonly rightOutput: number;
}

/**
 * Grows one tree on histograms of binned data: XGBoost's `hist` split finding with sparsity-aware
 * default directions (Chen & Guestrin 2016, Alg. 3: missing values tried on both sides) and LightGBM's
 * best-first growth, histogram subtraction and categorical splits (Ke et al. 2017; Fisher 1958 ordering
 * of categories by G/(H + smoothing), then a scan of prefixes). Gain of a split:
 *   ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]
 * which, with g = y·w, h = w, λ = 0, is a quarter of the weighted Gini impurity decrease (Breiman et al. 1984),
 * since W·Gini = 2(P − P²/W) with P = Σ y·w. Under monotone constraints the children's outputs are clamped to the
 * node's bounds, a split whose outputs violate the direction is rejected, and the children's bounds meet
 * at the mean of their outputs (LightGBM's "basic" method); gains then use the clamped outputs.
 *
 * `rows` lists the rows of this tree (permuted in place); `allowedFeatures` the features it may split
 * on (column subsampling by tree). When `leafOfRow` is given, it receives the leaf of every row in `rows`.
 * Inputs are trusted: the model fitters validate them.
 */
export function growTree(data: TreeGrowthData, settings: TreeGrowthSettings, rows: Uint32Array, allowedFeatures: Int32Array, random: Random, leafOfRow?: Int32Array): DecisionTree {
  return new TreeGrower(data, settings, rows, allowedFeatures, random).grow(leafOfRow);
}

class TreeGrower {
  private readonly binOffsets: Int32Array;
  private readonly histogramLength: number;
  private readonly spareHistograms: Float64Array[] = [];
  /** The clamped child outputs of the last constrained gain evaluated. */
  private readonly outputs = new Float64Array(2);
  private readonly scratch: Uint32Array;
  private readonly subtract: boolean;
  private readonly monotone: Int8Array | undefined;
  private readonly json = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], defaultLeft: [] as number[], leftCategories: [] as (number[] | null)[], value: [] as number[], cover: [] as number[] };

  constructor(
    private readonly data: TreeGrowthData,
    private readonly settings: TreeGrowthSettings,
    private readonly rows: Uint32Array,
    private readonly allowedFeatures: Int32Array,
    private readonly random: Random,
  ) {
    const bins = data.mapper.bins;
    this.binOffsets = new Int32Array(bins.length + 1);
    for (let f = 0; f < bins.length; f++) this.binOffsets[f + 1] = this.binOffsets[f] + bins[f].valueBinCount + 1;
    this.histogramLength = 3 * this.binOffsets[bins.length];
    this.scratch = new Uint32Array(rows.length);
    this.subtract = settings.featuresPerSplit >= allowedFeatures.length;
    this.monotone = settings.monotone?.some((m) => m !== 0) ? settings.monotone : undefined;
  }

  grow(leafOfRow: Int32Array | undefined): DecisionTree {
    let sumGradient = 0;
    let sumHessian = 0;
    let sumWeight = 0;
    const { gradients, hessians, weights } = this.data;
    for (let k = 0; k < this.rows.length; k++) {
      const r = this.rows[k];
      sumGradient += gradients[r];
      sumHessian += hessians[r];
      sumWeight += weights[r];
    }
    const root = this.createNode(0, this.rows.length, 0, sumGradient, sumHessian, sumWeight, -Infinity, Infinity);
    if (this.subtract) {
      root.histogram = this.takeHistogram();
      this.buildHistogram(root.histogram, this.allowedFeatures, root.start, root.end);
    }
    this.chooseSplit(root);
    const open = new SplitQueue();
    const leaves: GrowingNode[] = [];
    const consider = (node: GrowingNode): void => {
      if (node.split !== null) open.push(node);
      else this.finishLeaf(node, leaves);
    };
    consider(root);
    while (open.size > 0) {
      const node = open.pop();
      if (leaves.length + open.size + 1 >= this.settings.maxLeaves) {
        this.finishLeaf(node, leaves);
        continue;
      }
      const [left, right] = this.split(node);
      consider(left);
      consider(right);
    }
    if (leafOfRow) {
      for (const leaf of leaves) for (let k = leaf.start; k < leaf.end; k++) leafOfRow[this.rows[k]] = leaf.id;
    }
    return DecisionTree.fromJSON(this.json, this.data.mapper.features, "growTree");
  }

  private createNode(start: number, end: number, depth: number, sumGradient: number, sumHessian: number, sumWeight: number, lower: number, upper: number): GrowingNode {
    const id = this.json.feature.length;
    this.json.feature.push(-1);
    this.json.threshold.push(0);
    this.json.left.push(-1);
    this.json.right.push(-1);
    this.json.defaultLeft.push(0);
    this.json.leftCategories.push(null);
    this.json.value.push(0);
    this.json.cover.push(this.settings.coverChannel === "hessian" ? sumHessian : sumWeight);
    return { start, end, depth, sumGradient, sumHessian, sumWeight, lower, upper, histogram: null, split: null, id };
  }

  private finishLeaf(node: GrowingNode, leaves: GrowingNode[]): void {
    this.json.value[node.id] = this.settings.leafValue(node.sumGradient, node.sumHessian, node.lower, node.upper);
    this.releaseHistogram(node);
    leaves.push(node);
  }

  private releaseHistogram(node: GrowingNode): void {
    if (node.histogram !== null) this.spareHistograms.push(node.histogram);
    node.histogram = null;
  }

  private takeHistogram(): Float64Array {
    return this.spareHistograms.pop() ?? new Float64Array(this.histogramLength);
  }

  /** Sums the three channels per bin over rows[start, end) for the listed features (their segments are reset first). */
  private buildHistogram(histogram: Float64Array, features: ArrayLike<number>, start: number, end: number): void {
    const { gradients, hessians, weights } = this.data;
    const rows = this.rows;
    for (let k = 0; k < features.length; k++) {
      const f = features[k];
      const base = 3 * this.binOffsets[f];
      histogram.fill(0, base, 3 * this.binOffsets[f + 1]);
      const column = this.data.binned.columns[f];
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const at = base + 3 * column[r];
        histogram[at] += gradients[r];
        histogram[at + 1] += hessians[r];
        histogram[at + 2] += weights[r];
      }
    }
  }

  /** Sets node.split to the best admissible split, or null. */
  private chooseSplit(node: GrowingNode): void {
    node.split = null;
    if (node.depth >= this.settings.maxDepth || node.sumWeight < 2 * this.settings.minWeightLeaf) return;
    if (this.subtract) {
      node.split = this.bestSplitAmong(node, node.histogram as Float64Array, this.allowedFeatures);
      return;
    }
    // scikit-learn: draw features without replacement until a batch yields a valid split.
    const order = this.random.shuffle(Int32Array.from(this.allowedFeatures));
    const histogram = this.takeHistogram();
    const batchSize = Math.max(1, this.settings.featuresPerSplit);
    let best: SplitCandidate | null = null;
    for (let from = 0; from < order.length && best === null; from += batchSize) {
      const batch = order.subarray(from, Math.min(order.length, from + batchSize));
      this.buildHistogram(histogram, batch, node.start, node.end);
      best = this.bestSplitAmong(node, histogram, batch);
    }
    this.spareHistograms.push(histogram);
    node.split = best;
  }

  private bestSplitAmong(node: GrowingNode, histogram: Float64Array, features: ArrayLike<number>): SplitCandidate | null {
    let best: SplitCandidate | null = null;
    for (let k = 0; k < features.length; k++) {
      const f = features[k];
      const candidate = this.data.mapper.bins[f].kind === "numeric" ? this.bestNumericSplit(node, histogram, f) : this.bestCategoricalSplit(node, histogram, f);
      if (candidate !== null && (best === null || candidate.gain > best.gain)) best = candidate;
    }
    return best;
  }

  /** A child's Newton output −G/(H+λ), clamped to the node's monotone bounds. */
  private clampedOutput(node: GrowingNode, g: number, h: number): number {
    const w = -g / (h + this.settings.l2Regularization);
    return w < node.lower ? node.lower : w > node.upper ? node.upper : w;
  }

  /** Score of output w: −(2Gw + (H+λ)w²), which is G²/(H+λ) at the unclamped optimum. */
  private scoreAt(g: number, h: number, w: number): number {
    return -(2 * g * w + (h + this.settings.l2Regularization) * w * w);
  }

  /**
   * Gain of sending (gL, hL, wL) left and the rest right, or -Infinity when a child is too small or a
   * monotone constraint is violated. Under constraints the two outputs are left in `this.outputs`.
   */
  private splitGain(node: GrowingNode, feature: number, gL: number, hL: number, wL: number, parentScore: number): number {
    const { minWeightLeaf, minHessianLeaf, l2Regularization } = this.settings;
    const gR = node.sumGradient - gL;
    const hR = node.sumHessian - hL;
    const wR = node.sumWeight - wL;
    if (!(wL > 0 && wR > 0 && wL >= minWeightLeaf && wR >= minWeightLeaf && hL >= minHessianLeaf && hR >= minHessianLeaf)) return -Infinity;
    if (this.monotone === undefined) return 0.5 * ((gL * gL) / (hL + l2Regularization) + (gR * gR) / (hR + l2Regularization) - parentScore);
    const outL = this.clampedOutput(node, gL, hL);
    const outR = this.clampedOutput(node, gR, hR);
    const direction = this.monotone[feature];
    if ((direction > 0 && outL > outR) || (direction < 0 && outL < outR)) return -Infinity;
    this.outputs[0] = outL;
    this.outputs[1] = outR;
    return 0.5 * (this.scoreAt(gL, hL, outL) + this.scoreAt(gR, hR, outR) - parentScore);
  }

  private parentScore(node: GrowingNode): number {
    const { sumGradient: g, sumHessian: h } = node;
    if (this.monotone === undefined) return (g * g) / (h + this.settings.l2Regularization);
    return this.scoreAt(g, h, this.clampedOutput(node, g, h));
  }

  private candidate(feature: number, gain: number, leftBins: Uint8Array, defaultLeft: boolean, gL: number, hL: number, wL: number): SplitCandidate {
    return { gain, feature, leftBins, defaultLeft, leftGradient: gL, leftHessian: hL, leftWeight: wL, leftOutput: this.outputs[0], rightOutput: this.outputs[1] };
  }

  private bestNumericSplit(node: GrowingNode, histogram: Float64Array, f: number): SplitCandidate | null {
    const valueBins = this.data.mapper.bins[f].valueBinCount;
    const base = 3 * this.binOffsets[f];
    const missing = base + 3 * valueBins;
    const gM = histogram[missing];
    const hM = histogram[missing + 1];
    const wM = histogram[missing + 2];
    const parentScore = this.parentScore(node);
    const minGain = this.settings.minSplitGain;
    let bestGain = minGain;
    let bestBin = -1;
    let bestMissingLeft = false;
    let bestG = 0;
    let bestH = 0;
    let bestW = 0;
    const bestOutputs = new Float64Array(2);
    let gL = 0;
    let hL = 0;
    let wL = 0;
    for (let b = 0; b < valueBins; b++) {
      const at = base + 3 * b;
      gL += histogram[at];
      hL += histogram[at + 1];
      wL += histogram[at + 2];
      if (wL <= 0) continue;
      // Missing right; at the last value bin this separates missing from everything else.
      if (b < valueBins - 1 || wM > 0) {
        const gain = this.splitGain(node, f, gL, hL, wL, parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          bestBin = b;
          bestMissingLeft = false;
          bestG = gL;
          bestH = hL;
          bestW = wL;
          bestOutputs.set(this.outputs);
        }
      }
      if (wM > 0 && b < valueBins - 1) {
        const gain = this.splitGain(node, f, gL + gM, hL + hM, wL + wM, parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          bestBin = b;
          bestMissingLeft = true;
          bestG = gL + gM;
          bestH = hL + hM;
          bestW = wL + wM;
          bestOutputs.set(this.outputs);
        }
      }
    }
    if (bestBin < 0) return null;
    // Without missing values here, missing values follow the heavier child.
    const defaultLeft = wM > 0 ? bestMissingLeft : bestW >= node.sumWeight - bestW;
    const leftBins = new Uint8Array(valueBins + 1);
    leftBins.fill(1, 0, bestBin + 1);
    leftBins[valueBins] = defaultLeft ? 1 : 0;
    this.outputs.set(bestOutputs);
    return this.candidate(f, bestGain, leftBins, defaultLeft, bestG, bestH, bestW);
  }

  private bestCategoricalSplit(node: GrowingNode, histogram: Float64Array, f: number): SplitCandidate | null {
    const valueBins = this.data.mapper.bins[f].valueBinCount;
    const base = 3 * this.binOffsets[f];
    const missing = base + 3 * valueBins;
    const gM = histogram[missing];
    const hM = histogram[missing + 1];
    const wM = histogram[missing + 2];
    const present: number[] = [];
    for (let c = 0; c < valueBins; c++) if (histogram[base + 3 * c + 2] > 0) present.push(c);
    const smoothing = this.settings.categorySmoothing;
    const ranks = this.settings.categoryRanks?.[f];
    const ratio = ranks ? (c: number): number => ranks[c] : (c: number): number => histogram[base + 3 * c] / (histogram[base + 3 * c + 1] + smoothing);
    present.sort((a, b) => ratio(a) - ratio(b) || a - b);
    const parentScore = this.parentScore(node);
    let bestGain = this.settings.minSplitGain;
    let bestCount = -1;
    let bestMissingLeft = false;
    let bestG = 0;
    let bestH = 0;
    let bestW = 0;
    const bestOutputs = new Float64Array(2);
    let gL = 0;
    let hL = 0;
    let wL = 0;
    for (let k = 0; k < present.length; k++) {
      const at = base + 3 * present[k];
      gL += histogram[at];
      hL += histogram[at + 1];
      wL += histogram[at + 2];
      const last = k === present.length - 1;
      if (!last || wM > 0) {
        const gain = this.splitGain(node, f, gL, hL, wL, parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          bestCount = k + 1;
          bestMissingLeft = false;
          bestG = gL;
          bestH = hL;
          bestW = wL;
          bestOutputs.set(this.outputs);
        }
      }
      if (wM > 0 && !last) {
        const gain = this.splitGain(node, f, gL + gM, hL + hM, wL + wM, parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          bestCount = k + 1;
          bestMissingLeft = true;
          bestG = gL + gM;
          bestH = hL + hM;
          bestW = wL + wM;
          bestOutputs.set(this.outputs);
        }
      }
    }
    if (bestCount < 0) return null;
    const defaultLeft = wM > 0 ? bestMissingLeft : bestW >= node.sumWeight - bestW;
    // Categories absent from this node go the default way, like missing values.
    const leftBins = new Uint8Array(valueBins + 1).fill(defaultLeft ? 1 : 0);
    for (let k = 0; k < present.length; k++) leftBins[present[k]] = k < bestCount ? 1 : 0;
    this.outputs.set(bestOutputs);
    return this.candidate(f, bestGain, leftBins, defaultLeft, bestG, bestH, bestW);
  }

  /** Partitions the node's rows, records the split and returns its two children (with their best splits). */
  private split(node: GrowingNode): [GrowingNode, GrowingNode] {
    const split = node.split as SplitCandidate;
    const column = this.data.binned.columns[split.feature];
    const rows = this.rows;
    const leftBins = split.leftBins;
    const scratch = this.scratch;
    let leftEnd = node.start;
    let rightCount = 0;
    for (let k = node.start; k < node.end; k++) {
      const r = rows[k];
      if (leftBins[column[r]] === 1) rows[leftEnd++] = r;
      else scratch[rightCount++] = r;
    }
    rows.set(scratch.subarray(0, rightCount), leftEnd);

    let leftLower = node.lower;
    let leftUpper = node.upper;
    let rightLower = node.lower;
    let rightUpper = node.upper;
    const direction = this.monotone?.[split.feature] ?? 0;
    if (direction !== 0) {
      const middle = (split.leftOutput + split.rightOutput) / 2;
      if (direction > 0) {
        leftUpper = Math.min(leftUpper, middle);
        rightLower = Math.max(rightLower, middle);
      } else {
        leftLower = Math.max(leftLower, middle);
        rightUpper = Math.min(rightUpper, middle);
      }
    }
    const left = this.createNode(node.start, leftEnd, node.depth + 1, split.leftGradient, split.leftHessian, split.leftWeight, leftLower, leftUpper);
    const right = this.createNode(leftEnd, node.end, node.depth + 1, node.sumGradient - split.leftGradient, node.sumHessian - split.leftHessian, node.sumWeight - split.leftWeight, rightLower, rightUpper);
    this.recordSplit(node, left.id, right.id);

    // Children at the depth limit never split: their histograms would go unused.
    if (this.subtract && node.depth + 1 < this.settings.maxDepth) {
      const parent = node.histogram as Float64Array;
      node.histogram = null;
      const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
      small.histogram = this.takeHistogram();
      this.buildHistogram(small.histogram, this.allowedFeatures, small.start, small.end);
      for (let k = 0; k < this.allowedFeatures.length; k++) {
        const f = this.allowedFeatures[k];
        for (let at = 3 * this.binOffsets[f]; at < 3 * this.binOffsets[f + 1]; at++) parent[at] -= small.histogram[at];
      }
      large.histogram = parent;
    }
    this.releaseHistogram(node);
    this.chooseSplit(left);
    this.chooseSplit(right);
    if (left.split === null) this.releaseHistogram(left);
    if (right.split === null) this.releaseHistogram(right);
    return [left, right];
  }

  private recordSplit(node: GrowingNode, leftId: number, rightId: number): void {
    const split = node.split as SplitCandidate;
    const binning = this.data.mapper.bins[split.feature];
    const json = this.json;
    json.feature[node.id] = split.feature;
    json.left[node.id] = leftId;
    json.right[node.id] = rightId;
    json.defaultLeft[node.id] = split.defaultLeft ? 1 : 0;
    if (binning.kind === "numeric") {
      let lastLeftBin = 0;
      while (lastLeftBin + 1 < binning.valueBinCount && split.leftBins[lastLeftBin + 1] === 1) lastLeftBin++;
      json.threshold[node.id] = upperEdgeOfBin(binning, lastLeftBin);
    } else {
      // Categories pooled into the missing bin (rare or unseen in training) go the default way.
      const codes: number[] = [];
      for (let code = 0; code < binning.binOfCode.length; code++) if (split.leftBins[binning.binOfCode[code]] === 1) codes.push(code);
      json.leftCategories[node.id] = codes;
    }
  }
}

/** A binary max-heap of nodes by split gain; ties go to the older node, so growth is deterministic. */
class SplitQueue {
  private readonly heap: GrowingNode[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(node: GrowingNode): void {
    const heap = this.heap;
    heap.push(node);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  pop(): GrowingNode {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as GrowingNode;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let next = i;
        if (l < heap.length && this.before(heap[l], heap[next])) next = l;
        if (r < heap.length && this.before(heap[r], heap[next])) next = r;
        if (next === i) break;
        [heap[i], heap[next]] = [heap[next], heap[i]];
        i = next;
      }
    }
    return top;
  }

  private before(a: GrowingNode, b: GrowingNode): boolean {
    const gainA = (a.split as SplitCandidate).gain;
    const gainB = (b.split as SplitCandidate).gain;
    return gainA > gainB || (gainA === gainB && a.id < b.id);
  }
}
