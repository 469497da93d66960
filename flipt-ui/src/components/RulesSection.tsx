import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import * as api from '../api/flipt';
import type { Flag, Rule, Segment, SegmentOperator, Variant, VariantEvaluationResponse } from '../api/types';
import { VARIANT_BUCKETS, bucketCoverage, bucketPercent, evenSplit, matchedRuleIndex, sumRollouts, validateDistribution } from '../lib/distributions';
import { checkContext } from '../lib/json';
import { useAsync } from '../lib/useAsync';
import { ConfirmDialog } from './ConfirmDialog';
import { Modal } from './Modal';
import { SegmentPicker } from './SegmentPicker';
import { SortableList } from './SortableList';
import { useToast } from './Toasts';
import { EmptyState, ErrorAlert, Spinner } from './ui';

const COLORS = ['#7c5cff', '#22a06b', '#e2a03f', '#e5484d', '#3e8ed0', '#d6409f', '#12a594', '#8e4ec6'];

export function ruleSegmentKeys(rule: { segmentKey?: string; segmentKeys?: string[] }): string[] {
  if (rule.segmentKeys && rule.segmentKeys.length > 0) return rule.segmentKeys;
  return rule.segmentKey ? [rule.segmentKey] : [];
}

export function SegmentSummary({ keys, operator, segments }: { keys: string[]; operator?: SegmentOperator; segments: Segment[] }) {
  const name = (k: string) => segments.find((s) => s.key === k)?.name ?? k;
  return (
    <span className="segment-summary">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && <span className="operator-word">{operator === 'AND_SEGMENT_OPERATOR' ? ' and ' : ' or '}</span>}
          <span className="segment-name" title={k}>
            {name(k)}
          </span>
        </span>
      ))}
    </span>
  );
}

function DistributionBar({ rule, variants }: { rule: Rule; variants: Variant[] }) {
  if (rule.distributions.length === 0) return <span className="muted">Matches without a variant (returns the default variant, if any)</span>;
  const coverage = bucketCoverage(rule.distributions.map((d) => d.rollout));
  return (
    <div className="distribution">
      <div className="distribution-bar" aria-hidden="true">
        {rule.distributions.map((d, i) => (
          <span key={d.id} style={{ width: `${d.rollout}%`, background: COLORS[i % COLORS.length] }} />
        ))}
      </div>
      <ul className="distribution-legend">
        {rule.distributions.map((d, i) => (
          <li key={d.id}>
            <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
            <code>{variants.find((v) => v.id === d.variantId)?.key ?? d.variantId}</code> <span className="muted">{Math.round(d.rollout * 100) / 100}%</span>{' '}
            <span className="muted small" title={`${coverage.widths[i]} of ${VARIANT_BUCKETS} buckets`}>
              · {bucketPercent(coverage.widths[i])} of buckets
            </span>
          </li>
        ))}
        {coverage.unassigned > 0 && (
          <li className="muted small" title={`${coverage.unassigned} of ${VARIANT_BUCKETS} buckets`}>
            {bucketPercent(coverage.unassigned)} of buckets get no variant
          </li>
        )}
      </ul>
    </div>
  );
}

/** A server evaluation of this flag for one entity, placed on the rules shown. */
export interface EntityLanding {
  entityId: string;
  ruleIndex: number;
  response: VariantEvaluationResponse;
}

function EntityCheck({ namespace, flag, rules, landing, onLanding }: { namespace: string; flag: Flag; rules: Rule[]; landing: EntityLanding | null; onLanding: (l: EntityLanding | null) => void }) {
  const uid = useId();
  const [entityId, setEntityId] = useState('');
  const [context, setContext] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkContext(context);
    const next = { entityId: entityId.trim() ? null : 'Enter an entity ID', context: checked.valid ? null : checked.error! };
    setErrors(next);
    if (next.entityId || next.context) return;
    setBusy(true);
    setServerError(null);
    try {
      const response = (await api.evaluate(flag.type, { namespaceKey: namespace, flagKey: flag.key, entityId: entityId.trim(), context: checked.context ?? {} })) as VariantEvaluationResponse;
      onLanding({ entityId: entityId.trim(), ruleIndex: response.reason === 'MATCH_EVALUATION_REASON' ? matchedRuleIndex(rules, response.segmentKeys ?? []) : -1, response });
    } catch (err) {
      onLanding(null);
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const r = landing?.response;
  return (
    <div className="entity-check">
      <h3>Where does an entity land?</h3>
      <form className="inline-form entity-check-form" onSubmit={submit} noValidate>
        <div className={`field${errors.entityId ? ' field-invalid' : ''}`}>
          <label htmlFor={`${uid}-entity`}>Entity ID</label>
          <input id={`${uid}-entity`} value={entityId} onChange={(e) => setEntityId(e.target.value)} aria-invalid={!!errors.entityId} />
          {errors.entityId && <div className="field-error">{errors.entityId}</div>}
        </div>
        <div className={`field${errors.context ? ' field-invalid' : ''}`}>
          <label htmlFor={`${uid}-context`}>
            Context <span className="optional">(optional JSON object)</span>
          </label>
          <input id={`${uid}-context`} className="code" placeholder='{"plan":"pro"}' value={context} onChange={(e) => setContext(e.target.value)} aria-invalid={!!errors.context} />
          {errors.context && <div className="field-error">{errors.context}</div>}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Evaluating…' : 'Evaluate'}
        </button>
      </form>
      {serverError && <ErrorAlert message={serverError} />}
      {landing && r && (
        <p className="entity-landing" role="status">
          <code>{landing.entityId}</code>{' '}
          {r.reason === 'MATCH_EVALUATION_REASON' ? (
            <>
              matches {landing.ruleIndex >= 0 ? <strong>rule {landing.ruleIndex + 1}</strong> : 'a rule'}
              {r.variantKey ? (
                <>
                  {' '}
                  and gets variant <code>{r.variantKey}</code>
                </>
              ) : (
                ' but gets no variant from it'
              )}
            </>
          ) : r.reason === 'DEFAULT_EVALUATION_REASON' ? (
            <>
              matches no rule and gets the default variant <code>{r.variantKey}</code>
            </>
          ) : r.reason === 'FLAG_DISABLED_EVALUATION_REASON' ? (
            'gets nothing: the flag is disabled'
          ) : (
            'matches no rule and gets no variant'
          )}
          <span className="muted small"> (computed by the server, reason {r.reason.replace(/_EVALUATION_REASON$/, '')})</span>
        </p>
      )}
    </div>
  );
}

interface RuleModalProps {
  namespace: string;
  flag: Flag;
  segments: Segment[];
  rule?: Rule;
  nextRank: number;
  onClose: () => void;
  onSaved: () => void;
}

type Mode = 'single' | 'multi';

export function RuleModal({ namespace, flag, segments, rule, nextRank, onClose, onSaved }: RuleModalProps) {
  const uid = useId();
  const variants = flag.variants;
  const initialMode: Mode = rule && (rule.distributions.length > 1 || (rule.distributions.length === 1 && rule.distributions[0].rollout !== 100)) ? 'multi' : 'single';
  const [segmentKeys, setSegmentKeys] = useState<string[]>(rule ? ruleSegmentKeys(rule) : []);
  const [operator, setOperator] = useState<SegmentOperator>(rule?.segmentOperator ?? 'OR_SEGMENT_OPERATOR');
  const [mode, setMode] = useState<Mode>(initialMode);
  const [single, setSingle] = useState<string>(rule?.distributions[0]?.variantId ?? variants[0]?.id ?? '');
  const [percentages, setPercentages] = useState<Record<string, string>>(() => {
    if (rule && initialMode === 'multi') {
      return Object.fromEntries(variants.map((v) => [v.id, String(rule.distributions.find((d) => d.variantId === v.id)?.rollout ?? 0)]));
    }
    const split = evenSplit(variants.length);
    return Object.fromEntries(variants.map((v, i) => [v.id, String(split[i])]));
  });
  const [segmentError, setSegmentError] = useState<string | null>(null);
  const [distributionError, setDistributionError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const values = variants.map((v) => Number(percentages[v.id] ?? 0));
  const sum = sumRollouts(values);

  const desired = (): { variantId: string; rollout: number }[] => {
    if (variants.length === 0) return [];
    if (mode === 'single') return single ? [{ variantId: single, rollout: 100 }] : [];
    return variants.map((v, i) => ({ variantId: v.id, rollout: values[i] })).filter((d) => d.rollout > 0);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const se = segmentKeys.length === 0 ? 'Choose at least one segment' : null;
    const de = mode === 'multi' && variants.length > 0 ? validateDistribution(values) : null;
    setSegmentError(se);
    setDistributionError(de);
    if (se || de) return;
    setBusy(true);
    setServerError(null);
    try {
      const input = { segmentKeys, segmentOperator: operator };
      const saved = rule ? await api.updateRule(namespace, flag.key, rule.id, input) : await api.createRule(namespace, flag.key, nextRank, input);
      const existing = rule?.distributions ?? [];
      const want = desired();
      for (const d of existing) {
        const w = want.find((x) => x.variantId === d.variantId);
        if (!w) await api.deleteDistribution(namespace, flag.key, saved.id, d.id, d.variantId);
        else if (Math.abs(w.rollout - d.rollout) > 1e-6) await api.updateDistribution(namespace, flag.key, saved.id, d.id, d.variantId, w.rollout);
      }
      for (const w of want) {
        if (!existing.some((d) => d.variantId === w.variantId)) await api.createDistribution(namespace, flag.key, saved.id, w.variantId, w.rollout);
      }
      onSaved();
      onClose();
    } catch (err) {
      setServerError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={rule ? 'Edit rule' : 'New rule'}
      onClose={onClose}
      busy={busy}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="rule-form" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
          </button>
        </>
      }
    >
      <form id="rule-form" className="form" onSubmit={submit} noValidate>
        <SegmentPicker segments={segments} selected={segmentKeys} onChange={setSegmentKeys} operator={operator} onOperator={setOperator} error={segmentError} />
        {variants.length === 0 ? (
          <p className="alert alert-info">This flag has no variants yet: the rule will match without choosing one. Add variants to distribute them.</p>
        ) : (
          <>
            <fieldset className="radio-group radio-inline">
              <legend>Return</legend>
              <label>
                <input type="radio" name={`${uid}-mode`} checked={mode === 'single'} onChange={() => setMode('single')} />
                A single variant
              </label>
              <label>
                <input type="radio" name={`${uid}-mode`} checked={mode === 'multi'} onChange={() => setMode('multi')} />
                A percentage split
              </label>
            </fieldset>
            {mode === 'single' ? (
              <div className="field">
                <label htmlFor={`${uid}-variant`}>Variant</label>
                <select id={`${uid}-variant`} value={single} onChange={(e) => setSingle(e.target.value)}>
                  {variants.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.key}
                      {v.name ? ` — ${v.name}` : ''}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <fieldset className={`percentages${distributionError ? ' field-invalid' : ''}`}>
                <legend>Distribution</legend>
                {variants.map((v, i) => (
                  <div className="percentage-row" key={v.id}>
                    <label htmlFor={`${uid}-pct-${i}`}>
                      <code>{v.key}</code>
                    </label>
                    <div className="input-suffix">
                      <input
                        id={`${uid}-pct-${i}`}
                        type="number"
                        min={0}
                        max={100}
                        step="0.01"
                        inputMode="decimal"
                        value={percentages[v.id] ?? '0'}
                        onChange={(e) => setPercentages((p) => ({ ...p, [v.id]: e.target.value }))}
                      />
                      <span aria-hidden="true">%</span>
                    </div>
                  </div>
                ))}
                <div className="percentage-total">
                  <span className={Math.abs(sum - 100) < 0.001 ? 'json-ok' : 'field-error'} aria-live="polite">
                    Total: {sum}%{Math.abs(sum - 100) < 0.001 ? ' ✓' : ' (must be 100%)'}
                  </span>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => {
                      const split = evenSplit(variants.length);
                      setPercentages(Object.fromEntries(variants.map((v, i) => [v.id, String(split[i])])));
                    }}
                  >
                    Split evenly
                  </button>
                </div>
                {distributionError && <div className="field-error">{distributionError}</div>}
              </fieldset>
            )}
          </>
        )}
        {serverError && <ErrorAlert message={serverError} />}
      </form>
    </Modal>
  );
}

function DefaultVariant({ namespace, flag, reload, readOnly }: { namespace: string; flag: Flag; reload: () => Promise<void>; readOnly: boolean }) {
  const id = useId();
  const [value, setValue] = useState(flag.defaultVariant?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const current = flag.defaultVariant?.id ?? '';
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.updateFlag(namespace, api.flagInput(flag, { defaultVariantId: value }));
      toast(value ? 'Default variant saved' : 'Default variant cleared');
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="default-rule">
      <div>
        <h3>Default rule</h3>
        <p className="muted">Returned when no rule matches, and when a matching rule distributes no variant.</p>
      </div>
      <div className="inline-form">
        <label htmlFor={id} className="sr-only">
          Default variant
        </label>
        <select id={id} value={value} onChange={(e) => setValue(e.target.value)} disabled={readOnly || flag.variants.length === 0}>
          <option value="">No default variant</option>
          {flag.variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.key}
            </option>
          ))}
        </select>
        {!readOnly && (
          <button type="button" className="button button-primary" onClick={save} disabled={busy || value === current}>
            {busy ? 'Saving…' : 'Save default'}
          </button>
        )}
      </div>
      {error && <ErrorAlert message={error} />}
    </div>
  );
}

interface RulesSectionProps {
  namespace: string;
  flag: Flag;
  segments: Segment[];
  reloadFlag: () => Promise<void>;
  readOnly: boolean;
}

export function RulesSection({ namespace, flag, segments, reloadFlag, readOnly }: RulesSectionProps) {
  const rules = useAsync(() => api.listRules(namespace, flag.key), [namespace, flag.key]);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [landing, setLanding] = useState<EntityLanding | null>(null);
  const toast = useToast();
  const list = rules.data ?? [];

  const reorder = async (next: Rule[]) => {
    setLanding(null);
    const previous = list;
    rules.setData(next);
    try {
      await api.orderRules(namespace, flag.key, next.map((r) => r.id));
      toast('Rule order saved');
    } catch (e) {
      rules.setData(previous);
      toast(`Could not reorder: ${errorMessage(e)}`, 'error');
    }
  };

  return (
    <section className="card" aria-labelledby="rules-heading">
      <div className="card-header">
        <div>
          <h2 id="rules-heading">Rules</h2>
          <p className="muted">Evaluated top to bottom; the first rule whose segments match decides.{!readOnly && ' Drag or use the arrows to reorder.'}</p>
        </div>
        {!readOnly && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={segments.length === 0} title={segments.length === 0 ? 'Create a segment first' : undefined}>
            New rule
          </button>
        )}
      </div>
      {rules.error && <ErrorAlert title="Could not load rules" message={rules.error} />}
      {rules.loading && <Spinner label="Loading rules…" />}
      {!rules.loading && !rules.error && list.length === 0 && (
        <EmptyState title="No rules yet">{segments.length === 0 ? 'Rules target segments: create a segment first.' : 'Add a rule to serve variants to a segment.'}</EmptyState>
      )}
      {list.length > 0 && (
        <SortableList
          items={list}
          getKey={(r) => r.id}
          disabled={readOnly || list.length < 2}
          onReorder={(next) => void reorder(next)}
          itemLabel={(_, i) => `rule ${i + 1}`}
          renderItem={(rule, index, handle) => (
            <div className={`rule${landing?.ruleIndex === index ? ' rule-landed' : ''}`}>
              {!readOnly && handle}
              <div className="rule-rank" aria-label={`Rank ${index + 1}`}>
                {index + 1}
              </div>
              <div className="rule-body">
                <div>
                  <span className="muted">If entity matches </span>
                  <SegmentSummary keys={ruleSegmentKeys(rule)} operator={rule.segmentOperator} segments={segments} />
                </div>
                <DistributionBar rule={rule} variants={flag.variants} />
                {landing?.ruleIndex === index && (
                  <span className="badge badge-green">
                    <code>{landing.entityId}</code> lands here{landing.response.variantKey ? ` → ${landing.response.variantKey}` : ''}
                  </span>
                )}
              </div>
              {!readOnly && (
                <div className="rule-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing(rule)} aria-label={`Edit rule ${index + 1}`}>
                    Edit
                  </button>
                  <button type="button" className="button button-small button-danger-ghost" onClick={() => setDeleting(rule)} aria-label={`Delete rule ${index + 1}`}>
                    Delete
                  </button>
                </div>
              )}
            </div>
          )}
        />
      )}
      {list.length > 0 && <EntityCheck namespace={namespace} flag={flag} rules={list} landing={landing} onLanding={setLanding} />}
      <DefaultVariant key={flag.defaultVariant?.id ?? 'none'} namespace={namespace} flag={flag} reload={reloadFlag} readOnly={readOnly} />
      {editing && (
        <RuleModal
          namespace={namespace}
          flag={flag}
          segments={segments}
          rule={editing === 'new' ? undefined : editing}
          nextRank={list.reduce((m, r) => Math.max(m, r.rank), 0) + 1}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast(editing === 'new' ? 'Rule created' : 'Rule saved');
            void rules.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete rule"
          message="Delete this rule and its distributions? This can't be undone."
          onConfirm={async () => {
            await api.deleteRule(namespace, flag.key, deleting.id);
            toast('Rule deleted');
            await rules.reload();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
