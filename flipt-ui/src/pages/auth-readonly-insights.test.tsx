import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { getStoredToken, setStoredToken } from '../api/client';
import type { Flag, Rule, Segment } from '../api/types';
import { Layout } from '../components/Layout';
import { RulesSection } from '../components/RulesSection';
import { ToastProvider } from '../components/Toasts';
import { AppProvider, TestAppProvider, useApp } from '../lib/app';
import { bucketCoverage, bucketPercent, matchedRuleIndex } from '../lib/distributions';
import { PreferencesProvider } from '../lib/preferences';
import { flagsUsingSegment } from '../lib/segmentUsage';
import { defaultNamespace, makeFlag, mockFetch } from '../test/mockFetch';
import { renderPage } from '../test/render';
import { FlagPage } from './FlagPage';
import { FlagsPage } from './FlagsPage';
import { LoginPage } from './LoginPage';
import { NamespacesPage } from './NamespacesPage';
import { NewFlagPage } from './NewFlagPage';
import { SegmentPage } from './SegmentPage';
import { SegmentsPage } from './SegmentsPage';
import { TokensPage, validateExpiry } from './TokensPage';

afterEach(() => setStoredToken(null));

const variantFlag: Flag = {
  key: 'color',
  name: 'Color',
  description: '',
  enabled: true,
  type: 'VARIANT_FLAG_TYPE',
  variants: [
    { id: 'v1', flagKey: 'color', key: 'blue', name: '', description: '', attachment: '' },
    { id: 'v2', flagKey: 'color', key: 'red', name: '', description: '', attachment: '' },
    { id: 'v3', flagKey: 'color', key: 'green', name: '', description: '', attachment: '' },
  ],
};
const segments: Segment[] = [
  { key: 'beta', name: 'Beta users', description: '', matchType: 'ALL_MATCH_TYPE', constraints: [] },
  { key: 'pro', name: 'Pro plan', description: '', matchType: 'ALL_MATCH_TYPE', constraints: [] },
];
const rules: Rule[] = [
  {
    id: 'r1',
    flagKey: 'color',
    segmentKeys: ['beta', 'pro'],
    segmentOperator: 'AND_SEGMENT_OPERATOR',
    rank: 1,
    distributions: [{ id: 'd1', ruleId: 'r1', variantId: 'v1', rollout: 100 }],
  },
  {
    id: 'r2',
    flagKey: 'color',
    segmentKey: 'pro',
    segmentOperator: 'OR_SEGMENT_OPERATOR',
    rank: 2,
    distributions: [
      { id: 'd2', ruleId: 'r2', variantId: 'v1', rollout: 33.33 },
      { id: 'd3', ruleId: 'r2', variantId: 'v2', rollout: 33.33 },
      { id: 'd4', ruleId: 'r2', variantId: 'v3', rollout: 33.34 },
    ],
  },
] as unknown as Rule[];

describe('bucket coverage', () => {
  it('truncates each width in float32 like the server, leaving the rest without a variant', () => {
    expect(bucketCoverage([33.33, 33.33, 33.34])).toEqual({ widths: [333, 333, 333], unassigned: 1 });
    expect(bucketCoverage([50, 50])).toEqual({ widths: [500, 500], unassigned: 0 });
    expect(bucketCoverage([0, 100])).toEqual({ widths: [0, 1000], unassigned: 0 });
    expect(bucketCoverage([12.35, 87.65])).toEqual({ widths: [123, 876], unassigned: 1 });
    expect(bucketPercent(333)).toBe('33.3%');
    expect(bucketPercent(1)).toBe('0.1%');
  });
});

describe('matchedRuleIndex', () => {
  it('places a server answer on the first rule that reports those segment keys', () => {
    expect(matchedRuleIndex(rules, ['beta', 'pro'])).toBe(0);
    // an AND rule reports all of its segments, so ["pro"] alone came from the OR rule
    expect(matchedRuleIndex(rules, ['pro'])).toBe(1);
    expect(matchedRuleIndex(rules, [])).toBe(-1);
    expect(matchedRuleIndex(rules, ['other'])).toBe(-1);
  });
});

describe('flagsUsingSegment', () => {
  it('lists the rules and rollouts that target the segment', () => {
    const uses = flagsUsingSegment(
      [
        { key: 'b-flag', name: 'B', type: 'VARIANT_FLAG_TYPE', enabled: true, rules: [{ rank: 1, segments: [{ key: 'x' }] }, { rank: 4, segments: [{ key: 'beta' }, { key: 'x' }] }] },
        { key: 'a-flag', name: 'A', type: 'BOOLEAN_FLAG_TYPE', enabled: true, rollouts: [{ rank: 1, segment: { segments: [{ key: 'beta' }] } }, { rank: 2 }] },
        { key: 'c-flag', name: 'C', type: 'VARIANT_FLAG_TYPE', enabled: true, rules: [{ rank: 1, segments: [{ key: 'x' }] }] },
      ],
      'beta',
    );
    expect(uses).toEqual([
      { flagKey: 'a-flag', flagName: 'A', ranks: [1], kind: 'rollout' },
      { flagKey: 'b-flag', flagName: 'B', ranks: [2], kind: 'rule' },
    ]);
  });
});

describe('RulesSection', () => {
  it('shows bucket coverage and where an entity lands, computed by the server', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/v1/namespaces/default/flags/color/rules': () => ({ rules, totalCount: 2 }),
      'POST /evaluate/v1/variant': () => ({ match: true, reason: 'MATCH_EVALUATION_REASON', segmentKeys: ['pro'], variantKey: 'red', flagKey: 'color' }),
    });
    renderPage(<RulesSection namespace="default" flag={variantFlag} segments={segments} reloadFlag={async () => {}} readOnly={false} />, {
      path: '/namespaces/default/flags/color/rules',
      route: '/namespaces/:ns/flags/:flagKey/rules',
    });
    expect(await screen.findByText('0.1% of buckets get no variant')).toBeInTheDocument();
    expect(screen.getAllByText(/33\.3% of buckets/)).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Evaluate' }));
    expect(screen.getByText('Enter an entity ID')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Entity ID'), 'user-7');
    await user.type(screen.getByLabelText(/^Context/), '{{"plan":"pro"}');
    await user.click(screen.getByRole('button', { name: 'Evaluate' }));
    const status = await screen.findByText(/matches/, { selector: '.entity-landing' });
    expect(status).toHaveTextContent('user-7 matches rule 2 and gets variant red');
    expect(screen.getByText(/lands here/).closest('.rule')).toHaveTextContent('2');
    const evaluation = calls.find((c) => c.path === '/evaluate/v1/variant')!;
    expect(evaluation.body).toEqual({ namespaceKey: 'default', flagKey: 'color', entityId: 'user-7', context: { plan: 'pro' } });
  });
});

describe('SegmentPage', () => {
  it('lists the flags that use the segment', async () => {
    mockFetch({
      'GET /api/v1/namespaces/default/segments/pro': () => segments[1],
      'GET /internal/v1/evaluation/snapshot/namespace/default': () => ({
        flags: [{ key: 'color', name: 'Color', type: 'VARIANT_FLAG_TYPE', enabled: true, rules: [{ rank: 1, segments: [{ key: 'beta' }] }, { rank: 2, segments: [{ key: 'pro' }] }] }],
      }),
    });
    renderPage(<SegmentPage />, { path: '/namespaces/default/segments/pro', route: '/namespaces/:ns/segments/:segmentKey' });
    const link = await screen.findByRole('link', { name: 'Color' });
    expect(link).toHaveAttribute('href', '/namespaces/default/flags/color/rules');
    expect(link.closest('li')).toHaveTextContent('rule 2');
  });
});

describe('read-only mode', () => {
  it('shows a banner on every page of the layout', () => {
    mockFetch({});
    renderPage(<Layout />, { readOnly: true, path: '/namespaces/default/flags', route: '/namespaces/:ns/flags' });
    expect(screen.getByText('Read-only mode.').closest('[role=status]')).toHaveTextContent('not changed here');
  });

  it('hides every mutation on lists, flag and namespace pages', async () => {
    const flag = { ...variantFlag, metadata: { team: 'core' }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' };
    mockFetch({
      'GET /api/v1/namespaces/default/flags': () => ({ flags: [makeFlag(1)], totalCount: 1 }),
      'GET /api/v1/namespaces/default/segments': () => ({ segments, totalCount: 2 }),
      'GET /api/v1/namespaces/default/flags/color': () => flag,
      'GET /api/v1/namespaces/default/flags/color/rules': () => ({ rules, totalCount: 2 }),
      'GET /api/v1/namespaces/default/segments/pro': () => ({ ...segments[1], constraints: [{ id: 'c1', type: 'STRING_COMPARISON_TYPE', property: 'plan', operator: 'eq', value: 'pro', description: '' }] }),
    });
    const mutation = /^(New|Create|Delete|Edit|Save|Copy to|Move|Split|Remove|\+ Add)/;
    const expectNoMutations = () => {
      const names = [...screen.queryAllByRole('button'), ...screen.queryAllByRole('link')].map((b) => b.getAttribute('aria-label') ?? b.textContent ?? '');
      expect(names.filter((n) => mutation.test(n.trim()))).toEqual([]);
    };

    const flags = renderPage(<FlagsPage />, { readOnly: true });
    await screen.findByText('Flag 1');
    expectNoMutations();
    flags.unmount();

    const segmentList = renderPage(<SegmentsPage />, { readOnly: true, path: '/namespaces/default/segments', route: '/namespaces/:ns/segments' });
    await screen.findByText('Pro plan');
    expectNoMutations();
    segmentList.unmount();

    const variants = renderPage(<FlagPage />, { readOnly: true, path: '/namespaces/default/flags/color', route: '/namespaces/:ns/flags/:flagKey' });
    await screen.findByRole('heading', { name: 'Variants' });
    expectNoMutations();
    for (const input of screen.getAllByRole('textbox')) expect(input.matches(':disabled') || input.hasAttribute('readonly')).toBe(true);
    expect(screen.getByRole('switch', { name: 'Enabled' })).toBeDisabled();
    variants.unmount();

    const rulesPage = renderPage(<FlagPage tab="rules" />, { readOnly: true, path: '/namespaces/default/flags/color/rules', route: '/namespaces/:ns/flags/:flagKey/rules' });
    await screen.findByText('0.1% of buckets get no variant');
    expectNoMutations();
    expect(screen.getByLabelText('Default variant')).toBeDisabled();
    // the entity check only reads, so it stays available
    expect(screen.getByRole('button', { name: 'Evaluate' })).toBeEnabled();
    rulesPage.unmount();

    const segment = renderPage(<SegmentPage />, { readOnly: true, path: '/namespaces/default/segments/pro', route: '/namespaces/:ns/segments/:segmentKey' });
    await screen.findByText('plan');
    expectNoMutations();
    segment.unmount();

    const namespaces = renderPage(<NamespacesPage />, { readOnly: true, path: '/settings/namespaces', route: '/settings/namespaces' });
    expectNoMutations();
    namespaces.unmount();

    renderPage(<NewFlagPage />, { readOnly: true, path: '/namespaces/default/flags/new', route: '/namespaces/:ns/flags/new' });
    expect(screen.getByText(/read-only mode: new flags cannot be created/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });
});

describe('TokensPage', () => {
  it('validates the expiry', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(validateExpiry('', now)).toBeNull();
    expect(validateExpiry('2029-12-31T23:59:00Z', now)).toMatch(/future/);
    expect(validateExpiry('2030-01-02T00:00:00Z', now)).toBeNull();
  });

  it('creates a scoped token with an expiry, shows it once and deletes after confirmation', async () => {
    const user = userEvent.setup();
    const tokens = [{ id: 'a1', method: 'METHOD_TOKEN', createdAt: '2030-01-01T00:00:00Z', metadata: { 'io.flipt.auth.token.name': 'initial_bootstrap_token' } }];
    const { calls } = mockFetch({
      'GET /auth/v1/tokens': () => ({ authentications: tokens, nextPageToken: '' }),
      'POST /auth/v1/method/token': (c) => {
        const body = c.body as { name: string; namespaceKey: string; expiresAt: string };
        const created = {
          id: 'a2',
          method: 'METHOD_TOKEN',
          expiresAt: body.expiresAt,
          metadata: { 'io.flipt.auth.token.name': body.name, 'io.flipt.auth.token.namespace': body.namespaceKey },
        };
        tokens.push({ createdAt: '2030-01-02T00:00:00Z', ...created });
        return { clientToken: 'secret-value', authentication: created };
      },
      'DELETE /auth/v1/tokens/a2': () => {
        tokens.pop();
        return {};
      },
    });
    render(
      <MemoryRouter>
        <PreferencesProvider>
          <ToastProvider>
            <TestAppProvider value={{ self: { id: 'a1', method: 'METHOD_TOKEN', metadata: {} }, namespaces: [defaultNamespace, { key: 'team', name: 'Team', description: '', protected: false }] }}>
              <TokensPage />
            </TestAppProvider>
          </ToastProvider>
        </PreferencesProvider>
      </MemoryRouter>,
    );
    const first = await screen.findByRole('row', { name: /initial_bootstrap_token/ });
    expect(first).toHaveTextContent('this browser');
    expect(first).toHaveTextContent('never');

    await user.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = screen.getByRole('dialog', { name: 'New token' });
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText('Name is required')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Name'), 'ci');
    await user.type(within(dialog).getByLabelText(/^Expires/), '2099-06-30T12:00');
    await user.selectOptions(within(dialog).getByLabelText(/^Namespace/), 'team');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Token "ci" created' });
    expect(within(shown).getByLabelText('New client token')).toHaveValue('secret-value');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'ci', description: '', expiresAt: '2099-06-30T12:00:00Z', namespaceKey: 'team' });
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    const row = await screen.findByRole('row', { name: /ci/ });
    expect(row).toHaveTextContent('team');
    expect(row).toHaveTextContent('2099-06-30 12:00 UTC');
    expect(screen.queryByDisplayValue('secret-value')).not.toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Delete token ci' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete token' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /ci/ })).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/auth/v1/tokens/a2')).toBe(true);
  });
});

function SignedInProbe() {
  const { auth, self, logout } = useApp();
  return (
    <div>
      <span data-testid="auth">{auth}</span>
      <span data-testid="self">{self?.id ?? ''}</span>
      <button type="button" onClick={() => void logout()}>
        Log out
      </button>
    </div>
  );
}

describe('authentication', () => {
  const renderApp = () =>
    render(
      <MemoryRouter initialEntries={['/login']}>
        <PreferencesProvider>
          <AppProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="*" element={<SignedInProbe />} />
            </Routes>
          </AppProvider>
        </PreferencesProvider>
      </MemoryRouter>,
    );

  it('signs in with a token, explains a refused one, and logs out without revoking the token', async () => {
    const user = userEvent.setup();
    const good = (h: Headers | undefined) => new Headers(h).get('Authorization') === 'Bearer good';
    const { calls, fn } = mockFetch({
      'GET /auth/v1/method': () => ({ methods: [{ method: 'METHOD_TOKEN', enabled: true }, { method: 'METHOD_OIDC', enabled: true, metadata: { providers: { example: {} } } }] }),
      'GET /api/v1/namespaces': () => ({ namespaces: [defaultNamespace] }),
    });
    const routed = fn.getMockImplementation()!;
    fn.mockImplementation(async (input, init) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === '/meta/info' || path === '/auth/v1/self') {
        calls.push({ method: init?.method ?? 'GET', path, query: new URLSearchParams(), body: undefined });
        if (!good(init?.headers as Headers | undefined)) return new Response('{"code":16,"message":"request was not authenticated","details":[]}', { status: 401 });
        return new Response(JSON.stringify(path === '/meta/info' ? { authentication: { required: true } } : { id: 'a1', method: 'METHOD_TOKEN', metadata: {} }), { status: 200 });
      }
      return routed(input, init);
    });
    renderApp();
    expect(await screen.findByRole('button', { name: 'Continue with example' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Client token'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in with token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not accept this token');
    expect(getStoredToken()).toBeNull();

    await user.clear(screen.getByLabelText('Client token'));
    await user.type(screen.getByLabelText('Client token'), 'good');
    await user.click(screen.getByRole('button', { name: 'Sign in with token' }));
    await waitFor(() => expect(screen.getByTestId('self')).toHaveTextContent('a1'));
    expect(getStoredToken()).toBe('good');

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(getStoredToken()).toBeNull());
    expect(calls.some((c) => c.path === '/auth/v1/self/expire')).toBe(false);
  });
});
