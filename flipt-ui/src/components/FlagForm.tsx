import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import * as api from '../api/flipt';
import type { Flag, FlagType } from '../api/types';
import { keyFromName, validateKey, validateRequired } from '../lib/keys';
import { metadataFromRows, rowsFromMetadata, type MetadataRow } from '../lib/metadata';
import { MetadataEditor } from './MetadataEditor';
import { CopyButton, ErrorAlert, Field, Toggle } from './ui';

interface FlagFormProps {
  namespace: string;
  flag?: Flag;
  onSaved: (flag: Flag) => void;
  onCancel?: () => void;
  readOnly?: boolean;
}

export function FlagForm({ namespace, flag, onSaved, onCancel, readOnly }: FlagFormProps) {
  const editing = !!flag;
  const [name, setName] = useState(flag?.name ?? '');
  const [key, setKey] = useState(flag?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(editing);
  const [description, setDescription] = useState(flag?.description ?? '');
  const [type, setType] = useState<FlagType>(flag?.type ?? 'VARIANT_FLAG_TYPE');
  const [enabled, setEnabled] = useState(flag?.enabled ?? false);
  const [metadata, setMetadata] = useState<MetadataRow[]>(() => rowsFromMetadata(flag?.metadata));
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [metadataErrors, setMetadataErrors] = useState<Record<number, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const nextErrors = {
      name: validateRequired(name, 'Name'),
      key: editing ? null : validateKey(key),
    };
    const md = metadataFromRows(metadata);
    setErrors(nextErrors);
    setMetadataErrors(md.errors);
    if (nextErrors.name || nextErrors.key || Object.keys(md.errors).length > 0) return;
    setBusy(true);
    setServerError(null);
    try {
      const saved = editing
        ? await api.updateFlag(namespace, api.flagInput(flag, { name: name.trim(), description, enabled, metadata: md.metadata }))
        : await api.createFlag(namespace, {
            key,
            name: name.trim(),
            description,
            enabled,
            type,
            ...(Object.keys(md.metadata).length ? { metadata: md.metadata } : {}),
          });
      onSaved(saved);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const isBoolean = type === 'BOOLEAN_FLAG_TYPE';

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={editing ? 'Edit flag' : 'New flag'}>
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          {(p) => (
            <input
              {...p}
              value={name}
              autoFocus={!editing}
              disabled={readOnly}
              onChange={(e) => {
                setName(e.target.value);
                if (!keyTouched) setKey(keyFromName(e.target.value));
              }}
            />
          )}
        </Field>
        <Field label="Key" error={errors.key} hint={editing ? 'The key cannot change.' : 'Used by your code; derived from the name until you edit it.'}>
          {(p) => (
            <div className="input-with-button">
              <input
                {...p}
                className="code"
                value={key}
                readOnly={editing}
                disabled={readOnly && !editing}
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyTouched(true);
                }}
              />
              {editing && <CopyButton text={key} label="Copy key" />}
            </div>
          )}
        </Field>
      </div>
      <Field label="Description" optional>
        {(p) => <textarea {...p} rows={2} value={description} disabled={readOnly} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <div className="form-grid">
        <fieldset className="radio-group" disabled={editing || readOnly}>
          <legend>Type</legend>
          <label>
            <input type="radio" name="flag-type" checked={type === 'VARIANT_FLAG_TYPE'} onChange={() => setType('VARIANT_FLAG_TYPE')} />
            Variant <span className="muted">— returns one of several variants</span>
          </label>
          <label>
            <input type="radio" name="flag-type" checked={type === 'BOOLEAN_FLAG_TYPE'} onChange={() => setType('BOOLEAN_FLAG_TYPE')} />
            Boolean <span className="muted">— returns true or false</span>
          </label>
        </fieldset>
        <div className="field">
          <span className="label" id="flag-enabled-label">
            {isBoolean ? 'Default value' : 'Enabled'}
          </span>
          <div className="toggle-row">
            <Toggle checked={enabled} onChange={setEnabled} label={isBoolean ? 'Default value' : 'Enabled'} disabled={readOnly} />
            <span className="muted">
              {isBoolean ? (enabled ? 'true when no rollout matches' : 'false when no rollout matches') : enabled ? 'Evaluations use the rules' : 'Evaluations return no match'}
            </span>
          </div>
        </div>
      </div>
      <MetadataEditor rows={metadata} onChange={setMetadata} errors={metadataErrors} readOnly={readOnly} />
      {serverError && <ErrorAlert message={serverError} />}
      {!readOnly && (
        <div className="form-actions">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Create flag'}
          </button>
        </div>
      )}
    </form>
  );
}
