// The audit trail: GET /api/v1/audit/events (needs the database sink; admin only with authorization).
import { request } from './client';

export interface AuditActor {
  authentication?: string;
  ip?: string;
  email?: string;
  name?: string;
  picture?: string;
}

export interface AuditEvent {
  version: string;
  type: string;
  action: string;
  status?: string;
  metadata?: { actor?: AuditActor };
  /** The resource as Flipt records it (snake_case keys); absent for denied changes. */
  payload?: Record<string, unknown> | null;
  timestamp: string;
}

/** Empty strings do not filter. `since` is inclusive, `until` exclusive (RFC 3339). */
export interface AuditFilter {
  namespaceKey: string;
  type: string;
  actor: string;
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { namespaceKey: '', type: '', actor: '', since: '', until: '' };

/** The resource types the server records, in the order of the type filter. */
export const AUDIT_TYPES = ['namespace', 'flag', 'variant', 'segment', 'constraint', 'rule', 'distribution', 'rollout', 'token'];

export interface AuditPage {
  events: AuditEvent[];
  nextPageToken: string;
}

export async function listAuditEvents(filter: AuditFilter, limit: number, pageToken: string): Promise<AuditPage> {
  const r = await request<{ events?: AuditEvent[]; nextPageToken?: string }>('/api/v1/audit/events', {
    query: { ...filter, limit, pageToken },
  });
  return { events: r.events ?? [], nextPageToken: r.nextPageToken ?? '' };
}

/** The namespace an event concerns, read from its payload ('' when it names none, e.g. tokens). */
export function auditNamespace(event: AuditEvent): string {
  const p = event.payload;
  if (!p) return '';
  if (event.type === 'namespace' && typeof p.key === 'string') return p.key;
  for (const key of ['namespace_key', 'namespaceKey']) {
    if (typeof p[key] === 'string' && p[key]) return p[key] as string;
  }
  return '';
}

/** The resource's key or id, for the table ('' when the payload has neither). */
export function auditSubject(event: AuditEvent): string {
  const p = event.payload;
  if (!p) return '';
  for (const key of ['key', 'flag_key', 'segment_key', 'id']) {
    if (typeof p[key] === 'string' && p[key]) return p[key] as string;
  }
  const tokenName = p['io.flipt.auth.token.name'];
  return typeof tokenName === 'string' ? tokenName : '';
}

/** Who acted: e-mail, else name, else the authentication method ('none' without authentication). */
export function actorLabel(actor: AuditActor | undefined): string {
  if (!actor) return 'unknown';
  return actor.email || actor.name || actor.authentication || 'unknown';
}
