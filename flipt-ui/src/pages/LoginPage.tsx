import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage, setStoredToken } from '../api/client';
import * as api from '../api/flipt';
import type { AuthMethod } from '../api/types';
import { ErrorAlert, Field, Spinner } from '../components/ui';
import { useApp } from '../lib/app';
import { useAsync } from '../lib/useAsync';

function oidcProviders(method: AuthMethod): string[] {
  const providers = (method.metadata?.providers ?? {}) as Record<string, unknown>;
  return Object.keys(providers);
}

export function LoginPage() {
  const methods = useAsync(() => api.listAuthMethods(), []);
  const { reload } = useApp();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const enabled = (methods.data ?? []).filter((m) => m.enabled);
  const tokenMethod = enabled.some((m) => m.method === 'METHOD_TOKEN');
  const oidc = enabled.find((m) => m.method === 'METHOD_OIDC');
  const github = enabled.find((m) => m.method === 'METHOD_GITHUB');

  const redirect = async (get: () => Promise<{ authorizeUrl: string }>) => {
    setError(null);
    try {
      window.location.href = (await get()).authorizeUrl;
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const submitToken = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) {
      setTokenError('Enter a client token');
      return;
    }
    setTokenError(null);
    setBusy(true);
    setStoredToken(token.trim());
    try {
      await api.getSelf();
      await reload();
      navigate('/');
    } catch (err) {
      setStoredToken(null);
      setError(
        err instanceof ApiError && err.status === 401
          ? 'The server did not accept this token: it is unknown, expired, or limited to one namespace (such tokens cannot sign in to the UI).'
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <div className="card login-card">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            F
          </span>
          <span>Flipt</span>
        </div>
        <h1>Sign in</h1>
        {methods.loading && <Spinner />}
        {methods.error && <ErrorAlert message={methods.error} />}
        {oidc &&
          oidcProviders(oidc).map((p) => (
            <button key={p} type="button" className="button button-block" onClick={() => redirect(() => api.oidcAuthorize(p))}>
              Continue with {p}
            </button>
          ))}
        {github && (
          <button type="button" className="button button-block" onClick={() => redirect(api.githubAuthorize)}>
            Continue with GitHub
          </button>
        )}
        {(tokenMethod || (!oidc && !github && !methods.loading)) && (
          <form className="form" onSubmit={submitToken} noValidate>
            <Field label="Client token" error={tokenError} hint="A static token, created under Settings → API tokens or with POST /auth/v1/method/token.">
              {(p) => <input {...p} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />}
            </Field>
            <button type="submit" className="button button-primary button-block" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in with token'}
            </button>
          </form>
        )}
        {error && <ErrorAlert message={error} />}
      </div>
    </div>
  );
}
