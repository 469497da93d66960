/** Percentages for n variants that add up to exactly 100 with two decimals: 33.33/33.33/33.34. */
export function evenSplit(n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(10000 / n) / 100;
  const result = Array.from({ length: n }, () => base);
  result[n - 1] = Math.round((100 - base * (n - 1)) * 100) / 100;
  return result;
}

export function sumRollouts(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) * 100) / 100;
}

/** null when the percentages are acceptable: each 0–100 and all together exactly 100. */
export function validateDistribution(values: number[]): string | null {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0 || v > 100) return 'Each percentage must be between 0 and 100';
  }
  const sum = sumRollouts(values);
  if (Math.abs(sum - 100) > 0.001) return `Percentages must add up to 100 (now ${sum})`;
  return null;
}

/** Evaluation hashes each entity into one of this many buckets per flag. */
export const VARIANT_BUCKETS = 1000;

export interface BucketCoverage {
  /** Buckets owned by each distribution, in the order given. */
  widths: number[];
  /** Buckets past the last distribution: entities hashed there match the rule but get no variant. */
  unassigned: number;
}

/**
 * The buckets each distribution owns, as the server assigns them: a distribution with rollout r
 * owns trunc(r × 10) buckets computed in 32-bit floating point (as Flipt does), distributions with
 * rollout 0 own none, and the widths follow one another from bucket 0. So 33.33/33.33/33.34 owns
 * 333/333/333 buckets and leaves one bucket (0.1% of entities) without a variant.
 */
export function bucketCoverage(rollouts: number[]): BucketCoverage {
  const widths = rollouts.map((r) => (r > 0 ? Math.trunc(Math.fround(Math.fround(r) * 10)) : 0));
  const used = widths.reduce((a, b) => a + b, 0);
  return { widths, unassigned: Math.max(0, VARIANT_BUCKETS - used) };
}

/** "33.3%" for a number of buckets out of {@link VARIANT_BUCKETS}. */
export function bucketPercent(buckets: number): string {
  return `${Math.round((buckets / VARIANT_BUCKETS) * 1000) / 10}%`;
}

interface RuleSegments {
  segmentKey?: string;
  segmentKeys?: string[];
  segmentOperator?: string;
}

/**
 * The index of the rule an evaluation matched, from the segment keys the server reported: rules
 * are tried in rank order and the first match wins; an AND rule reports all of its segments, an OR
 * rule the ones the entity is in. -1 when no rule fits (e.g. no match).
 */
export function matchedRuleIndex(rules: RuleSegments[], segmentKeys: string[]): number {
  if (segmentKeys.length === 0) return -1;
  return rules.findIndex((rule) => {
    const keys = rule.segmentKeys && rule.segmentKeys.length > 0 ? rule.segmentKeys : rule.segmentKey ? [rule.segmentKey] : [];
    const all = segmentKeys.every((k) => keys.includes(k));
    if (rule.segmentOperator === 'AND_SEGMENT_OPERATOR') return all && keys.length === segmentKeys.length;
    return all;
  });
}
