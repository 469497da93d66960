import { Fragment, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { AUDIT_TYPES, EMPTY_AUDIT_FILTER, actorLabel, auditNamespace, auditSubject, listAuditEvents, type AuditEvent, type AuditFilter } from '../api/audit';
import { Badge, EmptyState, ErrorAlert, Field, Spinner } from '../components/ui';
import { useApp } from '../lib/app';
import { usePreferences } from '../lib/preferences';
import { formatTimestamp, fromDateTimeInput } from '../lib/time';

const PAGE_SIZES = [25, 50, 100];

function ActionBadge({ action }: { action: string }) {
  const tone = action === 'created' ? 'green' : action === 'deleted' ? 'red' : 'blue';
  return <Badge tone={tone}>{action}</Badge>;
}

/** The filter form's own state: times as typed in the datetime-local inputs. */
interface Draft {
  namespaceKey: string;
  type: string;
  actor: string;
  from: string;
  to: string;
}

const EMPTY_DRAFT: Draft = { namespaceKey: '', type: '', actor: '', from: '', to: '' };

/**
 * The audit trail: who created, updated or deleted what, newest first, filtered by namespace,
 * resource type, actor and time range, paged with the server's page tokens; each row expands to
 * the recorded resource.
 */
export function AuditPage() {
  const { namespaces } = useApp();
  const { timeDisplay } = usePreferences();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_AUDIT_FILTER);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  // tokens of the pages before the current one; the current page's token is the last
  const [tokens, setTokens] = useState<string[]>(['']);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextToken, setNextToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notKept, setNotKept] = useState(false);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const pageToken = tokens[tokens.length - 1];

  useEffect(() => {
    let cancelled = false;
    setEvents(null);
    setError(null);
    setExpanded(new Set());
    listAuditEvents(filter, pageSize, pageToken)
      .then((page) => {
        if (cancelled) return;
        setEvents(page.events);
        setNextToken(page.nextPageToken);
      })
      .catch((e) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 404) setNotKept(true);
        else setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [filter, pageSize, pageToken]);

  const apply = (next: Draft) => {
    setFilter({
      namespaceKey: next.namespaceKey,
      type: next.type,
      actor: next.actor.trim(),
      since: fromDateTimeInput(next.from, timeDisplay),
      until: fromDateTimeInput(next.to, timeDisplay),
    });
    setTokens(['']);
  };

  const toggle = (index: number) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  const filtered = Object.values(filter).some((v) => v !== '');
  const zone = timeDisplay === 'utc' ? 'UTC' : 'local time';

  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Audit</h1>
          <p className="muted">Who created, updated or deleted what, newest first. Denied attempts are listed too.</p>
        </div>
      </div>
      <form
        className="card audit-filters"
        aria-label="Filter audit events"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Field label="Namespace">
          {(p) => (
            <select {...p} value={draft.namespaceKey} onChange={(e) => setDraft({ ...draft, namespaceKey: e.target.value })}>
              <option value="">All namespaces</option>
              {namespaces.map((n) => (
                <option key={n.key} value={n.key}>
                  {n.name || n.key}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Resource type">
          {(p) => (
            <select {...p} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
              <option value="">All types</option>
              {AUDIT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Actor">
          {(p) => <input {...p} type="text" placeholder="e-mail, name or token, jwt…" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />}
        </Field>
        <Field label={`From (${zone})`}>
          {(p) => <input {...p} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={`To (${zone})`}>
          {(p) => <input {...p} type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <div className="audit-filter-actions">
          <button type="submit" className="button button-primary">
            Apply filters
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(EMPTY_DRAFT);
              apply(EMPTY_DRAFT);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {notKept && (
        <EmptyState title="Audit events are not kept">
          This server does not keep audit events. Enable the database sink (audit.sinks.database.enabled) to see them here.
        </EmptyState>
      )}
      {error && <ErrorAlert title="Could not load audit events" message={error} />}
      {!events && !error && !notKept && <Spinner label="Loading audit events…" />}
      {events && events.length === 0 && tokens.length === 1 && (
        <EmptyState title={filtered ? 'No matching events' : 'No audit events yet'}>
          {filtered
            ? 'No event matches these filters.'
            : 'Changes appear here while the server keeps audit events (audit.sinks.database.enabled).'}
        </EmptyState>
      )}
      {events && (events.length > 0 || tokens.length > 1) && (
        <div className="data-table">
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Audit events</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Type</th>
                  <th scope="col">Action</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Namespace</th>
                  <th scope="col">Actor</th>
                  <th scope="col">
                    <span className="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((event, index) => (
                  <Fragment key={`${event.timestamp}-${index}`}>
                    <tr className="audit-row">
                      <td data-label="Time" className="nowrap muted">
                        {formatTimestamp(event.timestamp, timeDisplay)}
                      </td>
                      <td data-label="Type">{event.type}</td>
                      <td data-label="Action">
                        <ActionBadge action={event.action} />
                        {event.status === 'denied' && (
                          <>
                            {' '}
                            <Badge tone="amber">denied</Badge>
                          </>
                        )}
                      </td>
                      <td data-label="Resource">{auditSubject(event) ? <code>{auditSubject(event)}</code> : <span className="muted">—</span>}</td>
                      <td data-label="Namespace">{auditNamespace(event) || <span className="muted">—</span>}</td>
                      <td data-label="Actor">
                        <div className="cell-main">
                          <span>{actorLabel(event.metadata?.actor)}</span>
                          {event.metadata?.actor?.ip && <span className="muted small">{event.metadata.actor.ip}</span>}
                        </div>
                      </td>
                      <td className="actions">
                        <button type="button" className="button button-small" aria-expanded={expanded.has(index)} onClick={() => toggle(index)}>
                          {expanded.has(index) ? 'Hide' : 'Details'}
                        </button>
                      </td>
                    </tr>
                    {expanded.has(index) && (
                      <tr className="audit-details">
                        <td colSpan={7}>
                          <pre className="code" aria-label="Event payload">
                            {JSON.stringify(event, null, 2)}
                          </pre>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pagination">
            <span className="pagination-info">Page {tokens.length}</span>
            <label className="pagination-size">
              Rows
              <select
                aria-label="Rows per page"
                value={pageSize}
                onChange={(e) => {
                  setPageSize(Number(e.target.value));
                  setTokens(['']);
                }}
              >
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button button-small" disabled={tokens.length === 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
              ‹ Newer
            </button>
            <button type="button" className="button button-small" disabled={!nextToken} onClick={() => setTokens((t) => [...t, nextToken])}>
              Older ›
            </button>
          </nav>
        </div>
      )}
    </section>
  );
}
