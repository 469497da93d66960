// Wire types of Flipt's REST API (protojson, lowerCamelCase, enums as names).

export type FlagType = 'VARIANT_FLAG_TYPE' | 'BOOLEAN_FLAG_TYPE';
export type MatchType = 'ALL_MATCH_TYPE' | 'ANY_MATCH_TYPE';
export type SegmentOperator = 'OR_SEGMENT_OPERATOR' | 'AND_SEGMENT_OPERATOR';
export type ComparisonType =
  | 'STRING_COMPARISON_TYPE'
  | 'NUMBER_COMPARISON_TYPE'
  | 'BOOLEAN_COMPARISON_TYPE'
  | 'DATETIME_COMPARISON_TYPE'
  | 'ENTITY_ID_COMPARISON_TYPE';
export type RolloutType = 'UNKNOWN_ROLLOUT_TYPE' | 'SEGMENT_ROLLOUT_TYPE' | 'THRESHOLD_ROLLOUT_TYPE';

export interface Namespace {
  key: string;
  name: string;
  description: string;
  protected: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface Variant {
  id: string;
  flagKey: string;
  key: string;
  name: string;
  description: string;
  attachment: string;
  namespaceKey?: string;
  createdAt?: string;
  updatedAt?: string;
}

export type JsonObject = { [key: string]: unknown };

export interface Flag {
  key: string;
  name: string;
  description: string;
  enabled: boolean;
  type: FlagType;
  namespaceKey?: string;
  variants: Variant[];
  defaultVariant?: Variant;
  metadata?: JsonObject;
  createdAt?: string;
  updatedAt?: string;
}

export interface Constraint {
  id: string;
  segmentKey?: string;
  type: ComparisonType;
  property: string;
  operator: string;
  value: string;
  description: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface Segment {
  key: string;
  name: string;
  description: string;
  matchType: MatchType;
  constraints: Constraint[];
  namespaceKey?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface Distribution {
  id: string;
  ruleId: string;
  variantId: string;
  rollout: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface Rule {
  id: string;
  flagKey: string;
  segmentKey: string;
  segmentKeys: string[];
  segmentOperator: SegmentOperator;
  distributions: Distribution[];
  rank: number;
  namespaceKey?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface RolloutSegment {
  segmentKey?: string;
  segmentKeys?: string[];
  segmentOperator?: SegmentOperator;
  value: boolean;
}

export interface RolloutThreshold {
  percentage: number;
  value: boolean;
}

export interface Rollout {
  id: string;
  namespaceKey?: string;
  flagKey: string;
  type: RolloutType;
  rank: number;
  description: string;
  segment?: RolloutSegment;
  threshold?: RolloutThreshold;
  createdAt?: string;
  updatedAt?: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
  totalCount: number;
}

export interface VariantEvaluationResponse {
  match: boolean;
  segmentKeys: string[];
  reason: string;
  variantKey: string;
  variantAttachment: string;
  requestId: string;
  requestDurationMillis: number;
  timestamp?: string;
  flagKey: string;
}

export interface BooleanEvaluationResponse {
  enabled: boolean;
  reason: string;
  requestId: string;
  requestDurationMillis: number;
  timestamp?: string;
  flagKey: string;
  segmentKeys: string[];
}

export interface MetaInfo {
  version?: string;
  latestVersion?: string;
  updateAvailable?: boolean;
  authentication?: { required?: boolean };
  storage?: { type?: string; readOnly?: boolean };
  analytics?: { enabled?: boolean };
  ui?: { theme?: string; topbarColor?: string };
}

export interface AuthMethod {
  method: string;
  enabled: boolean;
  sessionCompatible: boolean;
  metadata?: JsonObject;
}

export interface Authentication {
  id: string;
  method: string;
  expiresAt?: string;
  createdAt?: string;
  updatedAt?: string;
  metadata: Record<string, string>;
}
