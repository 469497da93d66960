import { Link, useNavigate } from 'react-router-dom';
import { useNamespace } from '../components/Layout';
import { SegmentForm } from '../components/SegmentForm';
import { useToast } from '../components/Toasts';
import { useApp } from '../lib/app';

export function NewSegmentPage() {
  const namespace = useNamespace();
  const navigate = useNavigate();
  const toast = useToast();
  const { readOnly } = useApp();
  const base = `/namespaces/${encodeURIComponent(namespace)}/segments`;
  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={base}>Segments</Link> <span aria-hidden="true">/</span> <span>New segment</span>
      </nav>
      <div className="page-header">
        <h1>New segment</h1>
      </div>
      {readOnly ? (
        <p className="alert alert-info">The server is in read-only mode: new segments cannot be created.</p>
      ) : (
        <div className="card">
          <SegmentForm
            namespace={namespace}
            onSaved={(s) => {
              toast(`Segment "${s.key}" created`);
              navigate(`${base}/${encodeURIComponent(s.key)}`);
            }}
            onCancel={() => navigate(base)}
          />
        </div>
      )}
    </section>
  );
}
