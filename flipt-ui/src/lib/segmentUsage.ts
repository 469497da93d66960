import type { SnapshotFlag } from '../api/flipt';

export interface SegmentUse {
  flagKey: string;
  flagName: string;
  /** Ranks (1-based positions) of the flag's rules or rollouts that target the segment. */
  ranks: number[];
  kind: 'rule' | 'rollout';
}

/** The flags whose rules or rollouts target a segment, sorted by flag key. */
export function flagsUsingSegment(flags: SnapshotFlag[], segmentKey: string): SegmentUse[] {
  const uses: SegmentUse[] = [];
  for (const flag of flags) {
    const ruleRanks = (flag.rules ?? [])
      .map((rule, i) => ((rule.segments ?? []).some((s) => s.key === segmentKey) ? i + 1 : 0))
      .filter((rank) => rank > 0);
    const rolloutRanks = (flag.rollouts ?? [])
      .map((rollout, i) => ((rollout.segment?.segments ?? []).some((s) => s.key === segmentKey) ? i + 1 : 0))
      .filter((rank) => rank > 0);
    if (ruleRanks.length > 0) uses.push({ flagKey: flag.key, flagName: flag.name, ranks: ruleRanks, kind: 'rule' });
    if (rolloutRanks.length > 0) uses.push({ flagKey: flag.key, flagName: flag.name, ranks: rolloutRanks, kind: 'rollout' });
  }
  return uses.sort((a, b) => a.flagKey.localeCompare(b.flagKey));
}
