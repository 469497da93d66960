// Calls to Flipt's REST API, one function per RPC the UI uses.
import { request } from './client';
import type {
  AuthMethod,
  Authentication,
  BooleanEvaluationResponse,
  Constraint,
  Distribution,
  Flag,
  FlagType,
  JsonObject,
  MatchType,
  MetaInfo,
  Namespace,
  Page,
  Rollout,
  RolloutSegment,
  RolloutThreshold,
  Rule,
  Segment,
  SegmentOperator,
  Variant,
  VariantEvaluationResponse,
  ComparisonType,
} from './types';

const enc = encodeURIComponent;
const ns = (namespace: string) => `/api/v1/namespaces/${enc(namespace)}`;

interface ListResponse {
  nextPageToken?: string;
  totalCount?: number;
}

/**
 * Reads a whole collection page by page. `onPage` sees every page as it arrives, so a long list
 * (thousands of flags) can be shown before the last page is in.
 */
export async function listAll<T>(
  fetchPage: (pageToken: string) => Promise<Page<T>>,
  onPage?: (loaded: T[], total: number) => void,
): Promise<T[]> {
  const all: T[] = [];
  let token = '';
  for (let i = 0; i < 10000; i++) {
    const page = await fetchPage(token);
    all.push(...page.items);
    onPage?.(all.slice(), Math.max(page.totalCount, all.length));
    if (!page.nextPageToken || page.items.length === 0 || page.nextPageToken === token) break;
    token = page.nextPageToken;
  }
  return all;
}

function page<T>(items: T[] | undefined, r: ListResponse): Page<T> {
  return { items: items ?? [], nextPageToken: r.nextPageToken ?? '', totalCount: r.totalCount ?? 0 };
}

export const PAGE_SIZE = 500;

// ---- meta and auth ----

export const getInfo = () => request<MetaInfo>('/meta/info', { quiet401: true });
export const listAuthMethods = () =>
  request<{ methods: AuthMethod[] }>('/auth/v1/method', { quiet401: true }).then((r) => r.methods ?? []);
export const getSelf = () => request<Authentication>('/auth/v1/self', { quiet401: true });
export const expireSelf = () => request<unknown>('/auth/v1/self/expire', { method: 'PUT', quiet401: true });
export const oidcAuthorize = (provider: string) =>
  request<{ authorizeUrl: string }>(`/auth/v1/method/oidc/${enc(provider)}/authorize`, {
    query: { state: crypto.randomUUID?.() ?? String(Date.now()) },
    quiet401: true,
  });
export const githubAuthorize = () =>
  request<{ authorizeUrl: string }>('/auth/v1/method/github/authorize', {
    query: { state: crypto.randomUUID?.() ?? String(Date.now()) },
    quiet401: true,
  });

// ---- API tokens ----

export interface TokenInput {
  name: string;
  description: string;
  /** RFC 3339; empty for a token that never expires. */
  expiresAt: string;
  /** Empty for a token valid in every namespace. */
  namespaceKey: string;
}

export async function listTokensPage(pageToken: string): Promise<Page<Authentication>> {
  const r = await request<{ authentications?: Authentication[] } & ListResponse>('/auth/v1/tokens', {
    query: { method: 'METHOD_TOKEN', limit: PAGE_SIZE, pageToken: pageToken || undefined },
  });
  return page(r.authentications, r);
}
export const listTokens = () => listAll(listTokensPage);
export const createToken = (t: TokenInput) =>
  request<{ clientToken: string; authentication: Authentication }>('/auth/v1/method/token', {
    method: 'POST',
    body: {
      name: t.name,
      description: t.description,
      ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}),
      ...(t.namespaceKey ? { namespaceKey: t.namespaceKey } : {}),
    },
  });
export const deleteToken = (id: string) => request<unknown>(`/auth/v1/tokens/${enc(id)}`, { method: 'DELETE' });

// ---- namespaces ----

export async function listNamespacesPage(pageToken: string): Promise<Page<Namespace>> {
  const r = await request<ListResponse & { namespaces?: Namespace[] }>('/api/v1/namespaces', {
    query: { limit: PAGE_SIZE, pageToken },
  });
  return page(r.namespaces, r);
}
export const listNamespaces = () => listAll(listNamespacesPage);
export const createNamespace = (n: { key: string; name: string; description: string }) =>
  request<Namespace>('/api/v1/namespaces', { method: 'POST', body: n });
export const updateNamespace = (n: { key: string; name: string; description: string }) =>
  request<Namespace>(`/api/v1/namespaces/${enc(n.key)}`, { method: 'PUT', body: n });
export const deleteNamespace = (key: string, force = false) =>
  request<unknown>(`/api/v1/namespaces/${enc(key)}`, { method: 'DELETE', query: { force: force || undefined } });

// ---- flags ----

export async function listFlagsPage(namespace: string, pageToken: string, limit = PAGE_SIZE): Promise<Page<Flag>> {
  const r = await request<ListResponse & { flags?: Flag[] }>(`${ns(namespace)}/flags`, {
    query: { limit, pageToken },
  });
  return page(r.flags, r);
}
export const getFlag = (namespace: string, key: string) => request<Flag>(`${ns(namespace)}/flags/${enc(key)}`);

export interface FlagInput {
  key: string;
  name: string;
  description: string;
  enabled: boolean;
  type?: FlagType;
  metadata?: JsonObject;
  defaultVariantId?: string;
}
export const createFlag = (namespace: string, f: FlagInput) =>
  request<Flag>(`${ns(namespace)}/flags`, {
    method: 'POST',
    body: {
      key: f.key,
      name: f.name,
      description: f.description,
      enabled: f.enabled,
      type: f.type ?? 'VARIANT_FLAG_TYPE',
      namespaceKey: namespace,
      ...(f.metadata ? { metadata: f.metadata } : {}),
    },
  });
/** UpdateFlag is a full replace: pass the default variant id to keep it, `""` clears it. */
export const updateFlag = (namespace: string, f: FlagInput) =>
  request<Flag>(`${ns(namespace)}/flags/${enc(f.key)}`, {
    method: 'PUT',
    body: {
      key: f.key,
      name: f.name,
      description: f.description,
      enabled: f.enabled,
      namespaceKey: namespace,
      defaultVariantId: f.defaultVariantId ?? '',
      ...(f.metadata ? { metadata: f.metadata } : {}),
    },
  });
export const deleteFlag = (namespace: string, key: string) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(key)}`, { method: 'DELETE' });

/** The fields of a flag that UpdateFlag needs to leave everything else as it is. */
export function flagInput(flag: Flag, changes: Partial<FlagInput> = {}): FlagInput {
  return {
    key: flag.key,
    name: flag.name,
    description: flag.description,
    enabled: flag.enabled,
    defaultVariantId: flag.defaultVariant?.id ?? '',
    ...changes,
  };
}

// ---- variants ----

export interface VariantInput {
  key: string;
  name: string;
  description: string;
  attachment: string;
}
export const createVariant = (namespace: string, flagKey: string, v: VariantInput) =>
  request<Variant>(`${ns(namespace)}/flags/${enc(flagKey)}/variants`, {
    method: 'POST',
    body: { ...v, flagKey, namespaceKey: namespace },
  });
export const updateVariant = (namespace: string, flagKey: string, id: string, v: VariantInput) =>
  request<Variant>(`${ns(namespace)}/flags/${enc(flagKey)}/variants/${enc(id)}`, {
    method: 'PUT',
    body: { ...v, id, flagKey, namespaceKey: namespace },
  });
export const deleteVariant = (namespace: string, flagKey: string, id: string) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/variants/${enc(id)}`, { method: 'DELETE' });

// ---- rules and distributions ----

export async function listRules(namespace: string, flagKey: string): Promise<Rule[]> {
  const rules = await listAll(async (pageToken) => {
    const r = await request<ListResponse & { rules?: Rule[] }>(`${ns(namespace)}/flags/${enc(flagKey)}/rules`, {
      query: { limit: PAGE_SIZE, pageToken },
    });
    return page(r.rules, r);
  });
  return rules.sort((a, b) => a.rank - b.rank);
}

export interface RuleInput {
  segmentKeys: string[];
  segmentOperator: SegmentOperator;
}
function ruleSegments(r: RuleInput) {
  return r.segmentKeys.length === 1
    ? { segmentKey: r.segmentKeys[0], segmentOperator: 'OR_SEGMENT_OPERATOR' }
    : { segmentKeys: r.segmentKeys, segmentOperator: r.segmentOperator };
}
export const createRule = (namespace: string, flagKey: string, rank: number, r: RuleInput) =>
  request<Rule>(`${ns(namespace)}/flags/${enc(flagKey)}/rules`, {
    method: 'POST',
    body: { flagKey, namespaceKey: namespace, rank, ...ruleSegments(r) },
  });
export const updateRule = (namespace: string, flagKey: string, id: string, r: RuleInput) =>
  request<Rule>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/${enc(id)}`, {
    method: 'PUT',
    body: { id, flagKey, namespaceKey: namespace, ...ruleSegments(r) },
  });
export const deleteRule = (namespace: string, flagKey: string, id: string) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/${enc(id)}`, { method: 'DELETE' });
export const orderRules = (namespace: string, flagKey: string, ruleIds: string[]) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/order`, {
    method: 'PUT',
    body: { flagKey, namespaceKey: namespace, ruleIds },
  });

export const createDistribution = (namespace: string, flagKey: string, ruleId: string, variantId: string, rollout: number) =>
  request<Distribution>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/${enc(ruleId)}/distributions`, {
    method: 'POST',
    body: { flagKey, ruleId, variantId, rollout, namespaceKey: namespace },
  });
export const updateDistribution = (
  namespace: string,
  flagKey: string,
  ruleId: string,
  id: string,
  variantId: string,
  rollout: number,
) =>
  request<Distribution>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/${enc(ruleId)}/distributions/${enc(id)}`, {
    method: 'PUT',
    body: { id, flagKey, ruleId, variantId, rollout, namespaceKey: namespace },
  });
export const deleteDistribution = (namespace: string, flagKey: string, ruleId: string, id: string, variantId: string) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/rules/${enc(ruleId)}/distributions/${enc(id)}`, {
    method: 'DELETE',
    query: { variantId },
  });

// ---- rollouts ----

export async function listRollouts(namespace: string, flagKey: string): Promise<Rollout[]> {
  const rollouts = await listAll(async (pageToken) => {
    // RolloutList calls its list field `rules`.
    const r = await request<ListResponse & { rules?: Rollout[]; rollouts?: Rollout[] }>(
      `${ns(namespace)}/flags/${enc(flagKey)}/rollouts`,
      { query: { limit: PAGE_SIZE, pageToken } },
    );
    return page(r.rules ?? r.rollouts, r);
  });
  return rollouts.sort((a, b) => a.rank - b.rank);
}

export interface RolloutInput {
  description: string;
  threshold?: RolloutThreshold;
  segment?: { segmentKeys: string[]; segmentOperator: SegmentOperator; value: boolean };
}
function rolloutRule(r: RolloutInput): { threshold?: RolloutThreshold; segment?: RolloutSegment } {
  if (r.threshold) return { threshold: r.threshold };
  const s = r.segment!;
  return {
    segment:
      s.segmentKeys.length === 1
        ? { segmentKey: s.segmentKeys[0], segmentOperator: 'OR_SEGMENT_OPERATOR', value: s.value }
        : { segmentKeys: s.segmentKeys, segmentOperator: s.segmentOperator, value: s.value },
  };
}
export const createRollout = (namespace: string, flagKey: string, rank: number, r: RolloutInput) =>
  request<Rollout>(`${ns(namespace)}/flags/${enc(flagKey)}/rollouts`, {
    method: 'POST',
    body: { namespaceKey: namespace, flagKey, rank, description: r.description, ...rolloutRule(r) },
  });
export const updateRollout = (namespace: string, flagKey: string, id: string, r: RolloutInput) =>
  request<Rollout>(`${ns(namespace)}/flags/${enc(flagKey)}/rollouts/${enc(id)}`, {
    method: 'PUT',
    body: { id, namespaceKey: namespace, flagKey, description: r.description, ...rolloutRule(r) },
  });
export const deleteRollout = (namespace: string, flagKey: string, id: string) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/rollouts/${enc(id)}`, { method: 'DELETE' });
export const orderRollouts = (namespace: string, flagKey: string, rolloutIds: string[]) =>
  request<unknown>(`${ns(namespace)}/flags/${enc(flagKey)}/rollouts/order`, {
    method: 'PUT',
    body: { flagKey, namespaceKey: namespace, rolloutIds },
  });

// ---- segments and constraints ----

export async function listSegmentsPage(namespace: string, pageToken: string, limit = PAGE_SIZE): Promise<Page<Segment>> {
  const r = await request<ListResponse & { segments?: Segment[] }>(`${ns(namespace)}/segments`, {
    query: { limit, pageToken },
  });
  return page(r.segments, r);
}
export const listSegments = (namespace: string) => listAll((t) => listSegmentsPage(namespace, t));
export const getSegment = (namespace: string, key: string) =>
  request<Segment>(`${ns(namespace)}/segments/${enc(key)}`);

export interface SegmentInput {
  key: string;
  name: string;
  description: string;
  matchType: MatchType;
}
export const createSegment = (namespace: string, s: SegmentInput) =>
  request<Segment>(`${ns(namespace)}/segments`, { method: 'POST', body: { ...s, namespaceKey: namespace } });
export const updateSegment = (namespace: string, s: SegmentInput) =>
  request<Segment>(`${ns(namespace)}/segments/${enc(s.key)}`, {
    method: 'PUT',
    body: { ...s, namespaceKey: namespace },
  });
export const deleteSegment = (namespace: string, key: string) =>
  request<unknown>(`${ns(namespace)}/segments/${enc(key)}`, { method: 'DELETE' });

export interface ConstraintInput {
  type: ComparisonType;
  property: string;
  operator: string;
  value: string;
  description: string;
}
export const createConstraint = (namespace: string, segmentKey: string, c: ConstraintInput) =>
  request<Constraint>(`${ns(namespace)}/segments/${enc(segmentKey)}/constraints`, {
    method: 'POST',
    body: { ...c, segmentKey, namespaceKey: namespace },
  });
export const updateConstraint = (namespace: string, segmentKey: string, id: string, c: ConstraintInput) =>
  request<Constraint>(`${ns(namespace)}/segments/${enc(segmentKey)}/constraints/${enc(id)}`, {
    method: 'PUT',
    body: { ...c, id, segmentKey, namespaceKey: namespace },
  });
export const deleteConstraint = (namespace: string, segmentKey: string, id: string) =>
  request<unknown>(`${ns(namespace)}/segments/${enc(segmentKey)}/constraints/${enc(id)}`, { method: 'DELETE' });

// ---- evaluation ----

export interface EvaluationInput {
  namespaceKey: string;
  flagKey: string;
  entityId: string;
  context: Record<string, string>;
}
export const evaluationPath = (type: FlagType) =>
  type === 'BOOLEAN_FLAG_TYPE' ? '/evaluate/v1/boolean' : '/evaluate/v1/variant';
export const evaluate = (type: FlagType, input: EvaluationInput) =>
  request<VariantEvaluationResponse | BooleanEvaluationResponse>(evaluationPath(type), {
    method: 'POST',
    body: input,
  });

// ---- evaluation snapshot ----

export interface SnapshotFlag {
  key: string;
  name: string;
  type: FlagType;
  enabled: boolean;
  rules?: { rank: number; segments?: { key: string }[] }[];
  rollouts?: { rank: number; segment?: { segments?: { key: string }[] } }[];
}

/** The namespace as evaluation sees it: every flag with its rules and rollouts, in one call. */
export const getSnapshot = (namespace: string) =>
  request<{ flags?: SnapshotFlag[] }>(`/internal/v1/evaluation/snapshot/namespace/${enc(namespace)}`).then((r) => r.flags ?? []);
