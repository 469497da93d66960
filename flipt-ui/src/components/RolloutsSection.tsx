import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import * as api from '../api/flipt';
import type { Flag, Rollout, Segment, SegmentOperator } from '../api/types';
import { useAsync } from '../lib/useAsync';
import { ConfirmDialog } from './ConfirmDialog';
import { Modal } from './Modal';
import { SegmentSummary, ruleSegmentKeys } from './RulesSection';
import { SegmentPicker } from './SegmentPicker';
import { SortableList } from './SortableList';
import { useToast } from './Toasts';
import { Badge, EmptyState, ErrorAlert, Field, Spinner } from './ui';

type Kind = 'threshold' | 'segment';

interface RolloutModalProps {
  namespace: string;
  flag: Flag;
  segments: Segment[];
  rollout?: Rollout;
  nextRank: number;
  onClose: () => void;
  onSaved: () => void;
}

export function RolloutModal({ namespace, flag, segments, rollout, nextRank, onClose, onSaved }: RolloutModalProps) {
  const uid = useId();
  const [kind, setKind] = useState<Kind>(rollout?.segment ? 'segment' : 'threshold');
  const [percentage, setPercentage] = useState(String(rollout?.threshold?.percentage ?? 50));
  const [value, setValue] = useState<boolean>(rollout ? !!(rollout.threshold?.value ?? rollout.segment?.value) : true);
  const [segmentKeys, setSegmentKeys] = useState<string[]>(rollout?.segment ? ruleSegmentKeys(rollout.segment) : []);
  const [operator, setOperator] = useState<SegmentOperator>(rollout?.segment?.segmentOperator ?? 'OR_SEGMENT_OPERATOR');
  const [description, setDescription] = useState(rollout?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const pct = Number(percentage);
    const next = {
      percentage: kind === 'threshold' && (percentage.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) ? 'Percentage must be between 0 and 100' : null,
      segments: kind === 'segment' && segmentKeys.length === 0 ? 'Choose at least one segment' : null,
    };
    setErrors(next);
    if (next.percentage || next.segments) return;
    setBusy(true);
    setServerError(null);
    const input: api.RolloutInput =
      kind === 'threshold'
        ? { description, threshold: { percentage: pct, value } }
        : { description, segment: { segmentKeys, segmentOperator: operator, value } };
    try {
      if (rollout) await api.updateRollout(namespace, flag.key, rollout.id, input);
      else await api.createRollout(namespace, flag.key, nextRank, input);
      onSaved();
      onClose();
    } catch (err) {
      setServerError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={rollout ? 'Edit rollout' : 'New rollout'}
      onClose={onClose}
      busy={busy}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="rollout-form" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : rollout ? 'Save rollout' : 'Create rollout'}
          </button>
        </>
      }
    >
      <form id="rollout-form" className="form" onSubmit={submit} noValidate>
        <fieldset className="radio-group radio-inline" disabled={!!rollout}>
          <legend>Type</legend>
          <label>
            <input type="radio" name={`${uid}-kind`} checked={kind === 'threshold'} onChange={() => setKind('threshold')} />
            Threshold <span className="muted">— a percentage of entities</span>
          </label>
          <label>
            <input type="radio" name={`${uid}-kind`} checked={kind === 'segment'} onChange={() => setKind('segment')} />
            Segment <span className="muted">— entities in segments</span>
          </label>
        </fieldset>
        {kind === 'threshold' ? (
          <Field label="Percentage" error={errors.percentage} hint="Entities are bucketed by a hash of their id, so each one keeps its answer.">
            {(p) => (
              <div className="range-row">
                <input
                  type="range"
                  min={0}
                  max={100}
                  step={1}
                  value={Number.isFinite(Number(percentage)) ? Number(percentage) : 0}
                  onChange={(e) => setPercentage(e.target.value)}
                  aria-label="Percentage slider"
                  tabIndex={-1}
                />
                <div className="input-suffix">
                  <input {...p} type="number" min={0} max={100} step="0.01" inputMode="decimal" value={percentage} onChange={(e) => setPercentage(e.target.value)} />
                  <span aria-hidden="true">%</span>
                </div>
              </div>
            )}
          </Field>
        ) : (
          <SegmentPicker segments={segments} selected={segmentKeys} onChange={setSegmentKeys} operator={operator} onOperator={setOperator} error={errors.segments} />
        )}
        <Field label="Value">
          {(p) => (
            <select {...p} value={String(value)} onChange={(e) => setValue(e.target.value === 'true')}>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          )}
        </Field>
        <Field label="Description" optional>
          {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        {serverError && <ErrorAlert message={serverError} />}
      </form>
    </Modal>
  );
}

interface RolloutsSectionProps {
  namespace: string;
  flag: Flag;
  segments: Segment[];
  readOnly: boolean;
}

export function RolloutsSection({ namespace, flag, segments, readOnly }: RolloutsSectionProps) {
  const rollouts = useAsync(() => api.listRollouts(namespace, flag.key), [namespace, flag.key]);
  const [editing, setEditing] = useState<Rollout | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rollout | null>(null);
  const toast = useToast();
  const list = rollouts.data ?? [];

  const reorder = async (next: Rollout[]) => {
    const previous = list;
    rollouts.setData(next);
    try {
      await api.orderRollouts(namespace, flag.key, next.map((r) => r.id));
      toast('Rollout order saved');
    } catch (e) {
      rollouts.setData(previous);
      toast(`Could not reorder: ${errorMessage(e)}`, 'error');
    }
  };

  return (
    <section className="card" aria-labelledby="rollouts-heading">
      <div className="card-header">
        <div>
          <h2 id="rollouts-heading">Rollouts</h2>
          <p className="muted">Evaluated top to bottom; the first rollout that applies decides the value.{!readOnly && ' Drag or use the arrows to reorder.'}</p>
        </div>
        {!readOnly && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New rollout
          </button>
        )}
      </div>
      {rollouts.error && <ErrorAlert title="Could not load rollouts" message={rollouts.error} />}
      {rollouts.loading && <Spinner label="Loading rollouts…" />}
      {!rollouts.loading && !rollouts.error && list.length === 0 && <EmptyState title="No rollouts yet">Without rollouts every entity gets the default value.</EmptyState>}
      {list.length > 0 && (
        <SortableList
          items={list}
          getKey={(r) => r.id}
          disabled={readOnly || list.length < 2}
          onReorder={(next) => void reorder(next)}
          itemLabel={(_, i) => `rollout ${i + 1}`}
          renderItem={(r, index, handle) => (
            <div className="rule">
              {!readOnly && handle}
              <div className="rule-rank" aria-label={`Rank ${index + 1}`}>
                {index + 1}
              </div>
              <div className="rule-body">
                <div className="rollout-line">
                  {r.threshold ? (
                    <>
                      <Badge tone="blue">Threshold</Badge>
                      <span>
                        <strong>{Math.round(r.threshold.percentage * 100) / 100}%</strong> of entities get <ValueBadge value={r.threshold.value} />
                      </span>
                    </>
                  ) : r.segment ? (
                    <>
                      <Badge tone="violet">Segment</Badge>
                      <span>
                        Entities matching <SegmentSummary keys={ruleSegmentKeys(r.segment)} operator={r.segment.segmentOperator} segments={segments} /> get <ValueBadge value={r.segment.value} />
                      </span>
                    </>
                  ) : (
                    <span className="muted">Unknown rollout type</span>
                  )}
                </div>
                {r.description && <div className="muted">{r.description}</div>}
              </div>
              {!readOnly && (
                <div className="rule-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing(r)} aria-label={`Edit rollout ${index + 1}`}>
                    Edit
                  </button>
                  <button type="button" className="button button-small button-danger-ghost" onClick={() => setDeleting(r)} aria-label={`Delete rollout ${index + 1}`}>
                    Delete
                  </button>
                </div>
              )}
            </div>
          )}
        />
      )}
      <div className="default-rule">
        <div>
          <h3>Default value</h3>
          <p className="muted">
            When no rollout applies, evaluations return <ValueBadge value={flag.enabled} /> (edit it above as the flag's default value).
          </p>
        </div>
      </div>
      {editing && (
        <RolloutModal
          namespace={namespace}
          flag={flag}
          segments={segments}
          rollout={editing === 'new' ? undefined : editing}
          nextRank={list.reduce((m, r) => Math.max(m, r.rank), 0) + 1}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast(editing === 'new' ? 'Rollout created' : 'Rollout saved');
            void rollouts.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete rollout"
          message="Delete this rollout? This can't be undone."
          onConfirm={async () => {
            await api.deleteRollout(namespace, flag.key, deleting.id);
            toast('Rollout deleted');
            await rollouts.reload();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function ValueBadge({ value }: { value: boolean }) {
  return <Badge tone={value ? 'green' : 'red'}>{value ? 'true' : 'false'}</Badge>;
}
