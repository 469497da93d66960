import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { actorLabel, auditNamespace, auditSubject, type AuditEvent } from '../api/audit';
import { defaultNamespace, mockFetch } from '../test/mockFetch';
import { renderPage } from '../test/render';
import { AuditPage } from './AuditPage';

const flagCreated: AuditEvent = {
  version: '0.2',
  type: 'flag',
  action: 'created',
  status: 'success',
  metadata: { actor: { authentication: 'oidc', ip: '203.0.113.9', email: 'dev@example.com', name: 'Dev' } },
  payload: { key: 'dark-mode', name: 'Dark mode', namespace_key: 'team', enabled: false },
  timestamp: '2025-03-04T05:06:07Z',
};
const tokenDeleted: AuditEvent = {
  version: '0.2',
  type: 'token',
  action: 'deleted',
  status: 'success',
  metadata: { actor: { authentication: 'token' } },
  payload: { 'io.flipt.auth.token.name': 'ci' },
  timestamp: '2025-03-04T05:00:00Z',
};
const denied: AuditEvent = { version: '0.2', type: 'segment', action: 'created', status: 'denied', metadata: { actor: { authentication: 'token' } }, timestamp: '2025-03-04T04:00:00Z' };

const render = () =>
  renderPage(<AuditPage />, { path: '/audit', route: '/audit', namespaces: [defaultNamespace, { key: 'team', name: 'Team', description: '', protected: false }] });

describe('audit helpers', () => {
  it('reads the namespace, subject and actor of an event', () => {
    expect(auditNamespace(flagCreated)).toBe('team');
    expect(auditNamespace({ ...flagCreated, type: 'namespace', payload: { key: 'ops', name: 'Ops' } })).toBe('ops');
    expect(auditNamespace(tokenDeleted)).toBe('');
    expect(auditNamespace(denied)).toBe('');
    expect(auditSubject(flagCreated)).toBe('dark-mode');
    expect(auditSubject(tokenDeleted)).toBe('ci');
    expect(actorLabel(flagCreated.metadata?.actor)).toBe('dev@example.com');
    expect(actorLabel({ authentication: 'jwt', name: 'Robot' })).toBe('Robot');
    expect(actorLabel({ authentication: 'token' })).toBe('token');
    expect(actorLabel(undefined)).toBe('unknown');
  });
});

describe('AuditPage', () => {
  it('lists events and expands one to its payload', async () => {
    const user = userEvent.setup();
    mockFetch({ 'GET /api/v1/audit/events': () => ({ events: [flagCreated, tokenDeleted, denied], nextPageToken: '' }) });
    render();
    const table = await screen.findByRole('table', { name: 'Audit events' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('dark-mode');
    expect(rows[1]).toHaveTextContent('team');
    expect(rows[1]).toHaveTextContent('dev@example.com');
    expect(rows[1]).toHaveTextContent('2025-03-04 05:06 UTC');
    expect(rows[3]).toHaveTextContent('denied');
    expect(screen.queryByLabelText('Event payload')).not.toBeInTheDocument();
    await user.click(within(rows[1]).getByRole('button', { name: 'Details' }));
    expect(screen.getByLabelText('Event payload')).toHaveTextContent('"namespace_key": "team"');
    await user.click(within(rows[1]).getByRole('button', { name: 'Hide' }));
    expect(screen.queryByLabelText('Event payload')).not.toBeInTheDocument();
  });

  it('sends the filters to the server', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'GET /api/v1/audit/events': () => ({ events: [flagCreated] }) });
    render();
    await screen.findByRole('table', { name: 'Audit events' });
    await user.selectOptions(screen.getByLabelText('Namespace'), 'team');
    await user.selectOptions(screen.getByLabelText('Resource type'), 'flag');
    await user.type(screen.getByLabelText('Actor'), ' dev@example.com ');
    await user.type(screen.getByLabelText('From (UTC)'), '2025-03-01T00:00');
    await user.type(screen.getByLabelText('To (UTC)'), '2025-03-05T12:30');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    const query = calls[1].query;
    expect(query.get('namespaceKey')).toBe('team');
    expect(query.get('type')).toBe('flag');
    expect(query.get('actor')).toBe('dev@example.com');
    expect(query.get('since')).toBe('2025-03-01T00:00:00Z');
    expect(query.get('until')).toBe('2025-03-05T12:30:00Z');
    expect(query.get('pageToken')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2].query.get('type')).toBeNull();
  });

  it('pages with the server page tokens', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/v1/audit/events': (c) =>
        c.query.get('pageToken') === '25' ? { events: [denied], nextPageToken: '' } : { events: [flagCreated, tokenDeleted], nextPageToken: '25' },
    });
    render();
    await screen.findByRole('table', { name: 'Audit events' });
    expect(calls[0].query.get('limit')).toBe('25');
    expect(screen.getByRole('button', { name: '‹ Newer' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Older ›' }));
    await waitFor(() => expect(screen.getByText('Page 2')).toBeInTheDocument());
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Audit events' })).getAllByRole('row')).toHaveLength(2));
    expect(within(screen.getByRole('table', { name: 'Audit events' })).getAllByRole('row')[1]).toHaveTextContent('segment');
    expect(calls[1].query.get('pageToken')).toBe('25');
    expect(screen.getByRole('button', { name: 'Older ›' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '‹ Newer' }));
    expect(await screen.findByText('dark-mode')).toBeInTheDocument();
    expect(calls[2].query.get('pageToken')).toBeNull();
  });

  it('says why when the server refuses', async () => {
    mockFetch({ 'GET /api/v1/audit/events': () => ({ status: 403, body: { code: 7, message: 'permission denied', details: [] } }) });
    render();
    expect(await screen.findByText('permission denied')).toBeInTheDocument();
  });

  it('explains when the server keeps no audit events', async () => {
    mockFetch({});
    render();
    expect(await screen.findByText('Audit events are not kept')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
