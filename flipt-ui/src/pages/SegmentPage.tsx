import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import * as api from '../api/flipt';
import type { Constraint, Segment } from '../api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ConstraintModal } from '../components/ConstraintModal';
import { CopyToNamespace } from '../components/CopyToNamespace';
import { useNamespace } from '../components/Layout';
import { SegmentForm } from '../components/SegmentForm';
import { useToast } from '../components/Toasts';
import { Badge, EmptyState, ErrorAlert, Spinner } from '../components/ui';
import { useApp } from '../lib/app';
import { comparisonLabel, displayValue, operatorLabel } from '../lib/constraints';
import { usePreferences } from '../lib/preferences';
import { flagsUsingSegment } from '../lib/segmentUsage';
import { formatTimestamp } from '../lib/time';
import { useAsync } from '../lib/useAsync';
import { MatchTypeBadge } from './SegmentsPage';

export async function copySegment(segment: Segment, to: string): Promise<void> {
  await api.createSegment(to, { key: segment.key, name: segment.name, description: segment.description, matchType: segment.matchType });
  for (const c of segment.constraints ?? []) {
    await api.createConstraint(to, segment.key, { type: c.type, property: c.property, operator: c.operator, value: c.value, description: c.description });
  }
}

function SegmentUsage({ namespace, segmentKey }: { namespace: string; segmentKey: string }) {
  const snapshot = useAsync(() => api.getSnapshot(namespace), [namespace]);
  const uses = snapshot.data ? flagsUsingSegment(snapshot.data, segmentKey) : [];
  const flags = `/namespaces/${encodeURIComponent(namespace)}/flags`;
  return (
    <section className="card" aria-labelledby="usage-heading">
      <div className="card-header">
        <div>
          <h2 id="usage-heading">Used by flags</h2>
          <p className="muted">Rules and rollouts that target this segment. A segment in use can't be deleted.</p>
        </div>
      </div>
      {snapshot.loading && <Spinner label="Loading flags…" />}
      {snapshot.error && <ErrorAlert title="Could not load flags" message={snapshot.error} />}
      {snapshot.data && uses.length === 0 && <p className="muted">No flag uses this segment.</p>}
      {uses.length > 0 && (
        <ul className="usage-list">
          {uses.map((u) => (
            <li key={`${u.flagKey}-${u.kind}`}>
              <Link to={`${flags}/${encodeURIComponent(u.flagKey)}${u.kind === 'rule' ? '/rules' : ''}`}>{u.flagName || u.flagKey}</Link> <code>{u.flagKey}</code>{' '}
              <span className="muted">
                {u.kind}
                {u.ranks.length > 1 ? 's' : ''} {u.ranks.join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SegmentPage() {
  const namespace = useNamespace();
  const { segmentKey = '' } = useParams();
  const { readOnly } = useApp();
  const { timeDisplay } = usePreferences();
  const navigate = useNavigate();
  const toast = useToast();
  const segment = useAsync(() => api.getSegment(namespace, segmentKey), [namespace, segmentKey]);
  const [editing, setEditing] = useState<Constraint | 'new' | null>(null);
  const [deletingConstraint, setDeletingConstraint] = useState<Constraint | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [copying, setCopying] = useState(false);
  const base = `/namespaces/${encodeURIComponent(namespace)}/segments`;

  if (segment.loading) return <Spinner label="Loading segment…" />;
  if (segment.error || !segment.data) {
    return (
      <section>
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <Link to={base}>Segments</Link>
        </nav>
        <ErrorAlert title="Could not load segment" message={segment.error ?? 'Not found'} />
      </section>
    );
  }
  const s = segment.data;
  const constraints = s.constraints ?? [];

  const datetimeValue = (c: Constraint) => (c.type === 'DATETIME_COMPARISON_TYPE' && c.value ? formatTimestamp(c.value, timeDisplay) : displayValue(c.type, c.operator, c.value));

  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={base}>Segments</Link> <span aria-hidden="true">/</span> <span>{s.key}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>
            {s.name} <MatchTypeBadge matchType={s.matchType} />
          </h1>
          <p className="muted small">
            Created {formatTimestamp(s.createdAt, timeDisplay)} · Updated {formatTimestamp(s.updatedAt, timeDisplay)}
          </p>
        </div>
        {!readOnly && (
          <div className="header-actions">
            <button type="button" className="button" onClick={() => setCopying(true)}>
              Copy to namespace
            </button>
            <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </div>
        )}
      </div>
      <div className="card">
        <SegmentForm
          key={s.updatedAt ?? ''}
          namespace={namespace}
          segment={s}
          readOnly={readOnly}
          onSaved={() => {
            toast('Segment saved');
            void segment.reload();
          }}
        />
      </div>
      <section className="card" aria-labelledby="constraints-heading">
        <div className="card-header">
          <div>
            <h2 id="constraints-heading">Constraints</h2>
            <p className="muted">{s.matchType === 'ANY_MATCH_TYPE' ? 'An entity is in this segment when any constraint matches.' : 'An entity is in this segment when every constraint matches.'}</p>
          </div>
          {!readOnly && (
            <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
              New constraint
            </button>
          )}
        </div>
        {constraints.length === 0 ? (
          <EmptyState title="No constraints">A segment without constraints matches every entity.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Constraints</caption>
              <thead>
                <tr>
                  <th scope="col">Property</th>
                  <th scope="col">Type</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Value</th>
                  <th scope="col" className="hide-narrow">
                    Description
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {constraints.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Property">
                      <code>{c.property}</code>
                    </td>
                    <td data-label="Type">
                      <Badge>{comparisonLabel(c.type)}</Badge>
                    </td>
                    <td data-label="Operator">{operatorLabel(c.type, c.operator)}</td>
                    <td data-label="Value">
                      <span className="truncate">{datetimeValue(c)}</span>
                    </td>
                    <td data-label="Description" className="hide-narrow muted">
                      {c.description}
                    </td>
                    <td className="actions">
                      {!readOnly && (
                        <>
                          <button type="button" className="button button-small" onClick={() => setEditing(c)} aria-label={`Edit constraint ${c.property}`}>
                            Edit
                          </button>
                          <button type="button" className="button button-small button-danger-ghost" onClick={() => setDeletingConstraint(c)} aria-label={`Delete constraint ${c.property}`}>
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <SegmentUsage namespace={namespace} segmentKey={s.key} />
      {editing && (
        <ConstraintModal
          namespace={namespace}
          segmentKey={s.key}
          constraint={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast(editing === 'new' ? 'Constraint added' : 'Constraint saved');
            void segment.reload();
          }}
        />
      )}
      {deletingConstraint && (
        <ConfirmDialog
          title="Delete constraint"
          message={
            <>
              Delete the constraint on <code>{deletingConstraint.property}</code>?
            </>
          }
          onConfirm={async () => {
            await api.deleteConstraint(namespace, s.key, deletingConstraint.id);
            toast('Constraint deleted');
            await segment.reload();
          }}
          onClose={() => setDeletingConstraint(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete segment"
          message={
            <>
              Delete segment <code>{s.key}</code> and its constraints? Segments used by rules or rollouts can't be deleted.
            </>
          }
          onConfirm={async () => {
            await api.deleteSegment(namespace, s.key);
            toast(`Segment "${s.key}" deleted`);
            navigate(base);
          }}
          onClose={() => setDeleting(false)}
        />
      )}
      {copying && (
        <CopyToNamespace what="segment" itemKey={s.key} fromNamespace={namespace} note="The segment and its constraints are copied." copy={(to) => copySegment(s, to)} onClose={() => setCopying(false)} onCopied={(to) => toast(`Segment copied to "${to}"`)} />
      )}
    </section>
  );
}
