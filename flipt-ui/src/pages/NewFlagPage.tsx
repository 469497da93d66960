import { Link, useNavigate } from 'react-router-dom';
import { FlagForm } from '../components/FlagForm';
import { useNamespace } from '../components/Layout';
import { useToast } from '../components/Toasts';
import { useApp } from '../lib/app';

export function NewFlagPage() {
  const namespace = useNamespace();
  const navigate = useNavigate();
  const toast = useToast();
  const { readOnly } = useApp();
  const base = `/namespaces/${encodeURIComponent(namespace)}/flags`;
  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={base}>Flags</Link> <span aria-hidden="true">/</span> <span>New flag</span>
      </nav>
      <div className="page-header">
        <h1>New flag</h1>
      </div>
      {readOnly ? (
        <p className="alert alert-info">The server is in read-only mode: new flags cannot be created.</p>
      ) : (
        <div className="card">
          <FlagForm
            namespace={namespace}
            onSaved={(flag) => {
              toast(`Flag "${flag.key}" created`);
              navigate(`${base}/${encodeURIComponent(flag.key)}`);
            }}
            onCancel={() => navigate(base)}
          />
        </div>
      )}
    </section>
  );
}
