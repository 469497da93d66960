import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import * as api from '../api/flipt';
import type { Authentication } from '../api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Modal } from '../components/Modal';
import { useToast } from '../components/Toasts';
import { Badge, CopyButton, EmptyState, ErrorAlert, Field, Spinner } from '../components/ui';
import { useApp } from '../lib/app';
import { validateRequired } from '../lib/keys';
import { usePreferences } from '../lib/preferences';
import { formatTimestamp, fromDateTimeInput } from '../lib/time';
import { useAsync } from '../lib/useAsync';

const NAME = 'io.flipt.auth.token.name';
const DESCRIPTION = 'io.flipt.auth.token.description';
const NAMESPACE = 'io.flipt.auth.token.namespace';

export const tokenName = (t: Authentication) => t.metadata?.[NAME] ?? '';
export const tokenNamespace = (t: Authentication) => t.metadata?.[NAMESPACE] ?? '';

/** null when the expiry is acceptable: empty (never) or in the future. */
export function validateExpiry(iso: string, now: Date = new Date()): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'Enter a valid date and time';
  if (t <= now.getTime()) return 'The expiry must be in the future';
  return null;
}

function NewTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: string, authentication: Authentication) => void }) {
  const { namespaces } = useApp();
  const { timeDisplay } = usePreferences();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [expires, setExpires] = useState('');
  const [namespaceKey, setNamespaceKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const expiresAt = fromDateTimeInput(expires, timeDisplay);
    const next = { name: validateRequired(name, 'Name'), expires: expires && !expiresAt ? 'Enter a valid date and time' : validateExpiry(expiresAt) };
    setErrors(next);
    if (next.name || next.expires) return;
    setBusy(true);
    setServerError(null);
    try {
      const created = await api.createToken({ name: name.trim(), description, expiresAt, namespaceKey });
      onCreated(created.clientToken, created.authentication);
    } catch (err) {
      setServerError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New token"
      onClose={onClose}
      busy={busy}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="token-form" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </>
      }
    >
      <form id="token-form" className="form" onSubmit={submit} noValidate>
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" optional>
          {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label="Expires" optional error={errors.expires} hint={`Leave empty for a token that never expires. Read as ${timeDisplay === 'utc' ? 'UTC' : 'local time'}.`}>
          {(p) => <input {...p} type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </Field>
        <Field label="Namespace" optional hint="A token scoped to a namespace can only manage and evaluate that namespace.">
          {(p) => (
            <select {...p} value={namespaceKey} onChange={(e) => setNamespaceKey(e.target.value)}>
              <option value="">All namespaces</option>
              {namespaces.map((n) => (
                <option key={n.key} value={n.key}>
                  {n.name || n.key}
                </option>
              ))}
            </select>
          )}
        </Field>
        {serverError && <ErrorAlert message={serverError} />}
      </form>
    </Modal>
  );
}

/** Shows a new token's secret; the server never returns it again. */
function CreatedTokenModal({ token, name, onClose }: { token: string; name: string; onClose: () => void }) {
  return (
    <Modal
      title={`Token "${name}" created`}
      onClose={onClose}
      footer={
        <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      }
    >
      <p className="alert alert-info">Copy the token now: it is shown only once. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
      <div className="inline-form">
        <input className="code token-secret" aria-label="New client token" value={token} readOnly onFocus={(e) => e.target.select()} />
        <CopyButton text={token} label="Copy token" />
      </div>
    </Modal>
  );
}

export function TokensPage() {
  const { self } = useApp();
  const { timeDisplay } = usePreferences();
  const toast = useToast();
  const tokens = useAsync(() => api.listTokens(), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<Authentication | null>(null);
  const list = tokens.data ?? [];

  return (
    <div className="card">
      <div className="card-header">
        <div>
          <h2>API tokens</h2>
          <p className="muted">Static client tokens for applications and tools. Only a hash is stored: a token is shown once, when created.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New token
        </button>
      </div>
      {tokens.error && <ErrorAlert title="Could not load tokens" message={tokens.error} />}
      {tokens.loading && <Spinner label="Loading tokens…" />}
      {!tokens.loading && !tokens.error && list.length === 0 && <EmptyState title="No tokens">Create a token for each application that calls the API.</EmptyState>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Namespace</th>
                <th scope="col">Expires</th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr key={t.id}>
                  <td data-label="Name">
                    <div className="cell-main">
                      <span>
                        {tokenName(t) || <span className="muted">(unnamed)</span>} {self?.id === t.id && <Badge tone="green">this browser</Badge>}
                      </span>
                      {t.metadata?.[DESCRIPTION] && <span className="muted truncate">{t.metadata[DESCRIPTION]}</span>}
                    </div>
                  </td>
                  <td data-label="Namespace">{tokenNamespace(t) ? <code>{tokenNamespace(t)}</code> : <span className="muted">all</span>}</td>
                  <td data-label="Expires" className="nowrap">
                    {t.expiresAt ? formatTimestamp(t.expiresAt, timeDisplay) : <span className="muted">never</span>}
                  </td>
                  <td data-label="Created" className="hide-narrow muted nowrap">
                    {formatTimestamp(t.createdAt, timeDisplay)}
                  </td>
                  <td className="actions">
                    <button type="button" className="button button-small button-danger-ghost" onClick={() => setDeleting(t)} aria-label={`Delete token ${tokenName(t) || t.id}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <NewTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token, authentication) => {
            setCreating(false);
            setCreated({ token, name: tokenName(authentication) });
            void tokens.reload();
          }}
        />
      )}
      {created && <CreatedTokenModal token={created.token} name={created.name} onClose={() => setCreated(null)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete token"
          message={
            <>
              Delete token <strong>{tokenName(deleting) || deleting.id}</strong>? Applications using it will get 401 from now on.
              {self?.id === deleting.id && ' This browser signed in with it and will be signed out.'}
            </>
          }
          onConfirm={async () => {
            await api.deleteToken(deleting.id);
            toast('Token deleted');
            await tokens.reload();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
