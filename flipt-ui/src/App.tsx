import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Layout } from './components/Layout';
import { Spinner } from './components/ui';
import { useApp } from './lib/app';
import { AuditPage } from './pages/AuditPage';
import { ConsolePage } from './pages/ConsolePage';
import { FlagPage } from './pages/FlagPage';
import { FlagsPage } from './pages/FlagsPage';
import { LoginPage } from './pages/LoginPage';
import { NamespacesPage } from './pages/NamespacesPage';
import { NewFlagPage } from './pages/NewFlagPage';
import { NewSegmentPage } from './pages/NewSegmentPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SegmentPage } from './pages/SegmentPage';
import { SegmentsPage } from './pages/SegmentsPage';
import { GeneralSettings, SettingsLayout } from './pages/SettingsPage';
import { TokensPage } from './pages/TokensPage';

/** Sends /, /flags, /segments and /console to the last used namespace. */
function ToNamespace({ section }: { section: 'flags' | 'segments' | 'console' }) {
  const { lastNamespace } = useApp();
  return <Navigate to={`/namespaces/${encodeURIComponent(lastNamespace)}/${section}`} replace />;
}

function KnownNamespace({ children }: { children: React.ReactNode }) {
  const { ns } = useParams();
  const { namespaces, namespacesLoading } = useApp();
  if (!namespacesLoading && namespaces.length > 0 && ns && !namespaces.some((n) => n.key === ns)) {
    return (
      <div className="alert alert-error" role="alert">
        Namespace <code>{ns}</code> does not exist. Pick another one in the namespace switcher.
      </div>
    );
  }
  return <>{children}</>;
}

export function AppRoutes() {
  const { auth } = useApp();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    if (auth === 'login' && location.pathname !== '/login') navigate('/login', { replace: true });
  }, [auth, location.pathname, navigate]);

  if (auth === 'checking' && location.pathname !== '/login') {
    return (
      <div className="boot">
        <Spinner label="Connecting to Flipt…" />
      </div>
    );
  }

  const ns = (el: React.ReactNode) => <KnownNamespace>{el}</KnownNamespace>;

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<Layout />}>
        <Route index element={<ToNamespace section="flags" />} />
        <Route path="flags/*" element={<ToNamespace section="flags" />} />
        <Route path="segments/*" element={<ToNamespace section="segments" />} />
        <Route path="console" element={<ToNamespace section="console" />} />
        <Route path="namespaces/:ns">
          <Route index element={<Navigate to="flags" replace />} />
          <Route path="flags" element={ns(<FlagsPage />)} />
          <Route path="flags/new" element={ns(<NewFlagPage />)} />
          <Route path="flags/:flagKey" element={ns(<FlagPage />)} />
          <Route path="flags/:flagKey/rules" element={ns(<FlagPage tab="rules" />)} />
          <Route path="segments" element={ns(<SegmentsPage />)} />
          <Route path="segments/new" element={ns(<NewSegmentPage />)} />
          <Route path="segments/:segmentKey" element={ns(<SegmentPage />)} />
          <Route path="console" element={ns(<ConsolePage />)} />
        </Route>
        <Route path="audit" element={<AuditPage />} />
        <Route path="settings" element={<SettingsLayout />}>
          <Route index element={<GeneralSettings />} />
          <Route path="namespaces" element={<NamespacesPage />} />
          <Route path="tokens" element={<TokensPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
