#!/usr/bin/env node
// End-to-end tests of the UI in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) against an already running server.
//
//   FLIPT_UI_BASE_URL=http://127.0.0.1:8080 npm run test:e2e
//
// Environment:
//   FLIPT_UI_BASE_URL      server to test (default http://localhost:8080)
//   CHROMIUM_PATH          browser binary (default /usr/bin/chromium)
//   FLIPT_UI_SCREENSHOTS   folder for screenshots (default e2e/screenshots)
//   FLIPT_UI_E2E_BULK      number of flags for the large-list test (default 5000; 0 skips it)
//   FLIPT_UI_E2E_ONLY      run only tests whose name contains this text
//   FLIPT_UI_E2E_TOKEN     client token, when the server requires authentication
//   FLIPT_UI_E2E_SUITE     which tests: main (default; a writable server), auth (a server with
//                          authentication.required and the token method; needs
//                          FLIPT_UI_E2E_BOOTSTRAP_TOKEN), readonly-seed (fills namespace
//                          e2e-readonly through the API of a writable server), readonly (the same
//                          database served with storage.readOnly: true)
//   FLIPT_UI_E2E_BOOTSTRAP_TOKEN  the server's bootstrap token (auth suite)
//   FLIPT_UI_E2E_OIDC_PROVIDER    name of an OIDC provider the server lists (auth suite; optional)
//   FLIPT_UI_E2E_OIDC_PORT        run a fake identity provider (e2e/fake-oidc.mjs) on this port,
//                                 issuer http://127.0.0.1:<port>, for a full OIDC login (auth suite)
//   FLIPT_UI_E2E_OIDC_CLIENT_ID, FLIPT_UI_E2E_OIDC_CLIENT_SECRET   the provider's client credentials
//
// Every run works in namespaces of its own (e2e-<id>…) and deletes them at the end, so it can run
// against a server that holds other data. Exit code 0 = all passed.

import { mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startFakeOidc } from './fake-oidc.mjs';

const BASE = (process.env.FLIPT_UI_BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.FLIPT_UI_SCREENSHOTS ?? join(HERE, 'screenshots');
const BULK = Number(process.env.FLIPT_UI_E2E_BULK ?? 5000);
const ONLY = process.env.FLIPT_UI_E2E_ONLY ?? '';
const TOKEN = process.env.FLIPT_UI_E2E_TOKEN ?? '';
const SUITE = process.env.FLIPT_UI_E2E_SUITE ?? 'main';
const BOOTSTRAP = process.env.FLIPT_UI_E2E_BOOTSTRAP_TOKEN ?? '';
const OIDC_PROVIDER = process.env.FLIPT_UI_E2E_OIDC_PROVIDER ?? '';
// API calls made by the tests themselves (setup, checks) authenticate with this token
const API_TOKEN = TOKEN || BOOTSTRAP;
const OIDC_PORT = Number(process.env.FLIPT_UI_E2E_OIDC_PORT ?? 0);
const OIDC_USER = { sub: 'e2e-user', email: 'e2e@example.com', email_verified: true, name: 'E2E User' };
let oidc = null; // the fake identity provider, when FLIPT_UI_E2E_OIDC_PORT is set

const ID = Date.now().toString(36);
const RUN = `e2e-${ID}`;
const NS = RUN; // main namespace, created through the UI
const NS2 = `${RUN}-b`; // copy target, created through the API
const NS_BULK = `${RUN}-bulk`;
const NS_AUDIT = `${RUN}-audit`;

// ---------- tiny helpers ----------

class AssertionError extends Error {}
function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
function eq(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message}: expected ${e}, got ${a}`);
}

async function api(method, path, body, { allowError = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (API_TOKEN) headers.Authorization = `Bearer ${API_TOKEN}`;
  const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok && !allowError) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return allowError ? { status: res.status, data } : data;
}

async function pool(count, concurrency, task) {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      await task(i);
    }
  });
  await Promise.all(workers);
}

let shotCount = 0;
async function shot(page, name) {
  const file = join(SHOTS, `${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const url = (path) => BASE + path;
const nsPath = (ns, rest) => `/namespaces/${ns}/${rest}`;

async function expectText(locator, text, message) {
  await locator.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
  const content = await locator.textContent();
  assert(content && content.includes(text), `${message}: "${text}" not in "${content}"`);
}

async function toast(page, text) {
  await page.locator('.toast', { hasText: text }).first().waitFor({ timeout: 10000 });
}

/** Native HTML5 drag and drop between two elements: press on the drag handle, move in steps, drop. */
async function dragTo(page, source, target) {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const from = await source.locator('.drag-handle').boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const tx = to.x + to.width / 2;
  const ty = to.y + to.height / 2;
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + ((tx - from.x) * i) / 10, from.y + ((ty - from.y) * i) / 10);
  }
  await page.mouse.up();
  await page.waitForTimeout(150);
}

// ---------- the tests ----------

const tests = [];
const test = (name, fn, { timeout = 90000, suite = 'main' } = {}) => tests.push({ name, fn, timeout, suite });

test('serving: deep links, cache headers and API 404s', async ({ page }) => {
  const index = await fetch(url('/'), { headers: { Accept: 'text/html' } });
  eq(index.status, 200, 'GET /');
  const html = await index.text();
  assert(html.includes('<div id="root">'), 'index.html has the app root');
  const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
  assert(asset, 'index.html references a hashed script');
  const assetRes = await fetch(url(asset));
  eq(assetRes.status, 200, 'asset status');
  assert(/max-age=31536000/.test(assetRes.headers.get('cache-control') ?? ''), `long cache on assets, got ${assetRes.headers.get('cache-control')}`);
  assert(/immutable/.test(assetRes.headers.get('cache-control') ?? ''), 'immutable assets');
  const deep = await fetch(url('/namespaces/default/flags/some-flag/rules'), { headers: { Accept: 'text/html' } });
  eq(deep.status, 200, 'deep link status');
  assert((await deep.text()).includes('<div id="root">'), 'deep link returns the app');
  const apiMiss = await fetch(url('/api/v1/this/does/not/exist'), { headers: { Accept: 'application/json' } });
  eq(apiMiss.status, 404, 'unknown API route');
  eq((await apiMiss.json()).code, 5, 'API 404 body is a gateway error');
  const apiMissHtml = await fetch(url('/api/v1/namespaces/default/flags/__missing__'), { headers: { Accept: 'text/html' } });
  eq(apiMissHtml.status, 404, 'API 404 stays a 404 even when the browser asks for HTML');

  await page.goto(url('/settings'));
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
});

test('namespaces: create, edit, protected default, switcher', async ({ page }) => {
  await page.goto(url('/settings/namespaces'));
  await page.getByRole('button', { name: 'New namespace' }).click();
  const dialog = page.getByRole('dialog', { name: 'New namespace' });
  await dialog.getByRole('button', { name: 'Create namespace' }).click();
  await expectText(dialog, 'Name is required', 'namespace name validated before sending');
  await dialog.getByLabel('Name', { exact: true }).fill(`E2E ${ID}`);
  eq(await dialog.getByLabel('Key', { exact: true }).inputValue(), NS, 'key derived from the name');
  await dialog.getByLabel(/^Description/).fill('created by the e2e run');
  await shot(page, 'namespace-new');
  await dialog.getByRole('button', { name: 'Create namespace' }).click();
  await toast(page, `Namespace "${NS}" created`);
  const row = page.getByRole('row', { name: new RegExp(NS) });
  await row.waitFor();
  await row.getByRole('button', { name: `Edit namespace ${NS}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit namespace ${NS}` });
  eq(await edit.getByLabel('Key', { exact: true }).getAttribute('readonly'), '', 'key is read-only when editing');
  await edit.getByLabel(/^Description/).fill('edited by the e2e run');
  await edit.getByRole('button', { name: 'Save namespace' }).click();
  await toast(page, 'Namespace saved');
  await page.getByRole('cell', { name: 'edited by the e2e run' }).waitFor();
  assert(await page.getByRole('button', { name: 'Delete namespace default' }).isDisabled(), 'default namespace cannot be deleted');

  // duplicate key: the server's message is shown
  await page.getByRole('button', { name: 'New namespace' }).click();
  const dup = page.getByRole('dialog', { name: 'New namespace' });
  await dup.getByLabel('Name', { exact: true }).fill('dup');
  await dup.getByLabel('Key', { exact: true }).fill(NS);
  await dup.getByRole('button', { name: 'Create namespace' }).click();
  await expectText(dup.getByRole('alert'), 'is not unique', 'server error for duplicate namespace');
  await shot(page, 'namespace-duplicate-error');
  await dup.getByRole('button', { name: 'Cancel' }).click();

  // the switcher moves the current page to the other namespace
  await api('POST', '/api/v1/namespaces', { key: NS2, name: `E2E ${RUN} b`, description: '' });
  await page.goto(url(nsPath('default', 'segments')));
  await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
  await page.getByLabel('Namespace', { exact: true }).selectOption(NS);
  await page.waitForURL(`**${nsPath(NS, 'segments')}`);
  await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
});

test('segments: create with constraints of every type', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'segments')));
  await page.getByText('No segments yet').waitFor();
  await shot(page, 'segments-empty');
  await page.getByRole('link', { name: 'New segment' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Beta Users');
  eq(await page.getByLabel('Key', { exact: true }).inputValue(), 'beta-users', 'segment key derived');
  await page.getByLabel(/^Any/).check();
  await page.getByRole('button', { name: 'Create segment' }).click();
  await page.waitForURL(`**${nsPath(NS, 'segments/beta-users')}`);
  await page.getByText('No constraints').waitFor();

  const addConstraint = async (fill) => {
    await page.getByRole('button', { name: 'New constraint' }).click();
    const d = page.getByRole('dialog', { name: 'New constraint' });
    await fill(d);
    await d.getByRole('button', { name: 'Add constraint' }).click();
    await d.waitFor({ state: 'detached' });
  };
  // string ==
  await addConstraint(async (d) => {
    await d.getByLabel('Property', { exact: true }).fill('plan');
    await d.getByLabel('Operator', { exact: true }).selectOption('eq');
    await d.getByLabel('Value', { exact: true }).fill('pro');
  });
  // number is one of
  await addConstraint(async (d) => {
    await d.getByLabel('Type', { exact: true }).selectOption('NUMBER_COMPARISON_TYPE');
    await d.getByLabel('Property', { exact: true }).fill('age');
    await d.getByLabel('Operator', { exact: true }).selectOption('isoneof');
    await d.getByLabel('Values', { exact: true }).fill('18, 21');
    await d.getByLabel('Values', { exact: true }).press('Enter');
    await shot(page, 'constraint-number-list');
  });
  // boolean: only its operators, no value
  await addConstraint(async (d) => {
    await d.getByLabel('Type', { exact: true }).selectOption('BOOLEAN_COMPARISON_TYPE');
    const ops = await d.getByLabel('Operator', { exact: true }).locator('option').evaluateAll((o) => o.map((x) => x.value));
    eq(ops, ['true', 'false', 'present', 'notpresent'], 'boolean operators');
    await d.getByLabel('Property', { exact: true }).fill('admin');
    await d.getByLabel('Operator', { exact: true }).selectOption('true');
    assert((await d.getByLabel('Value', { exact: true }).count()) === 0, 'no value input for boolean');
  });
  // date-time with a picker
  await addConstraint(async (d) => {
    await d.getByLabel('Type', { exact: true }).selectOption('DATETIME_COMPARISON_TYPE');
    await d.getByLabel('Property', { exact: true }).fill('signup');
    await d.getByLabel('Operator', { exact: true }).selectOption('gt');
    const input = d.getByLabel(/^Value \(UTC\)/);
    eq(await input.getAttribute('type'), 'datetime-local', 'date-time picker');
    await input.fill('2025-03-04T05:06');
    await shot(page, 'constraint-datetime');
  });
  // entity id
  await addConstraint(async (d) => {
    await d.getByLabel('Type', { exact: true }).selectOption('ENTITY_ID_COMPARISON_TYPE');
    eq(await d.getByLabel('Property', { exact: true }).inputValue(), 'entityId', 'entity id property');
    await d.getByLabel('Operator', { exact: true }).selectOption('isoneof');
    await d.getByLabel('Values', { exact: true }).fill('user-1,user-2');
    await d.getByLabel('Values', { exact: true }).press('Enter');
  });
  // a value the form refuses before sending
  await page.getByRole('button', { name: 'New constraint' }).click();
  const bad = page.getByRole('dialog', { name: 'New constraint' });
  await bad.getByLabel('Property', { exact: true }).fill('plan');
  await bad.getByRole('button', { name: 'Add constraint' }).click();
  await expectText(bad, 'Value is required', 'value validated before sending');
  await bad.getByRole('button', { name: 'Cancel' }).click();

  const segment = await api('GET', `/api/v1/namespaces/${NS}/segments/beta-users`);
  eq(segment.matchType, 'ANY_MATCH_TYPE', 'match type saved');
  const byProp = Object.fromEntries(segment.constraints.map((c) => [c.property, c]));
  eq(Object.keys(byProp).sort(), ['admin', 'age', 'entityId', 'plan', 'signup'], 'constraints saved');
  eq(byProp.age.value, '[18,21]', 'number list as JSON array');
  eq(byProp.signup.value, '2025-03-04T05:06:00Z', 'date-time normalised to UTC');
  eq(byProp.admin.value, '', 'boolean has no value');
  eq(JSON.parse(byProp.entityId.value), ['user-1', 'user-2'], 'entity id list');
  await page.getByRole('cell', { name: 'IS ONE OF' }).first().waitFor();
  await shot(page, 'segment-constraints');

  // edit and delete a constraint
  await page.getByRole('button', { name: 'Edit constraint plan' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit constraint' });
  await edit.getByLabel('Value', { exact: true }).fill('enterprise');
  await edit.getByRole('button', { name: 'Save constraint' }).click();
  await page.getByRole('cell', { name: 'enterprise' }).waitFor();
  await page.getByRole('button', { name: 'Delete constraint admin' }).click();
  await page.getByRole('dialog', { name: 'Delete constraint' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete constraint admin' }).waitFor({ state: 'detached' });

  await api('POST', `/api/v1/namespaces/${NS}/segments`, { key: 'pro-users', name: 'Pro Users', matchType: 'ALL_MATCH_TYPE' });
  await api('POST', `/api/v1/namespaces/${NS}/segments/pro-users/constraints`, { type: 'STRING_COMPARISON_TYPE', property: 'plan', operator: 'eq', value: 'pro' });
});

test('flags: create variant flag, metadata, variants with JSON attachments', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'flags')));
  await page.getByText('No flags yet').waitFor();
  await page.getByRole('link', { name: 'New flag' }).click();
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.getByText('Name is required').waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Checkout Color');
  eq(await page.getByLabel('Key', { exact: true }).inputValue(), 'checkout-color', 'flag key derived');
  await page.getByLabel(/^Description/).fill('Color of the checkout button');
  await page.getByRole('switch', { name: 'Enabled' }).click();
  await page.getByRole('button', { name: '+ Add metadata' }).click();
  await page.getByLabel('Metadata key 1', { exact: true }).fill('team');
  await page.getByLabel('Metadata value 1', { exact: true }).fill('payments');
  await page.getByRole('button', { name: '+ Add metadata' }).click();
  await page.getByLabel('Metadata key 2', { exact: true }).fill('weight');
  await page.getByLabel('Metadata type 2', { exact: true }).selectOption('number');
  await page.getByLabel('Metadata value 2', { exact: true }).fill('3');
  await shot(page, 'flag-new');
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.waitForURL(`**${nsPath(NS, 'flags/checkout-color')}`);
  await page.getByRole('heading', { name: 'Variants', exact: true }).waitFor();

  for (const [key, attachment] of [
    ['blue', '{"hex": "#00f"}'],
    ['red', ''],
    ['green', '{"hex": "#0f0", "tags": ["a", "b"]}'],
  ]) {
    await page.getByRole('button', { name: 'New variant' }).click();
    const d = page.getByRole('dialog', { name: 'New variant' });
    await d.getByLabel('Key', { exact: true }).fill(key);
    await d.getByLabel(/^Name/).fill(key.toUpperCase());
    if (attachment) {
      const area = d.getByLabel(/Attachment/);
      await area.fill('{"hex": ');
      await expectText(d, 'Invalid JSON', 'attachment validated as you type');
      assert(await d.getByRole('button', { name: 'Create variant' }).isDisabled(), 'cannot save invalid JSON');
      if (key === 'blue') await shot(page, 'variant-invalid-json');
      await area.fill(attachment);
      await expectText(d, 'Valid JSON', 'valid attachment');
      await d.getByRole('button', { name: 'Format' }).click();
    }
    await d.getByRole('button', { name: 'Create variant' }).click();
    await d.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: key, exact: true }).waitFor();
  }
  // duplicate variant key: server message
  await page.getByRole('button', { name: 'New variant' }).click();
  const dup = page.getByRole('dialog', { name: 'New variant' });
  await dup.getByLabel('Key', { exact: true }).fill('blue');
  await dup.getByRole('button', { name: 'Create variant' }).click();
  await expectText(dup.getByRole('alert'), 'not unique', 'duplicate variant refused by the server');
  await dup.getByRole('button', { name: 'Cancel' }).click();

  const flag = await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color`);
  eq(flag.enabled, true, 'enabled saved');
  eq(flag.metadata, { team: 'payments', weight: 3 }, 'metadata saved');
  eq(flag.variants.map((v) => v.key), ['blue', 'red', 'green'], 'variants saved');
  eq(JSON.parse(flag.variants[2].attachment), { hex: '#0f0', tags: ['a', 'b'] }, 'attachment saved');
  await shot(page, 'flag-variants');

  // edit flag and a variant
  await page.getByLabel(/^Description/).fill('Checkout button color');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Flag saved');
  await page.getByRole('button', { name: 'Edit variant red' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit variant red' });
  await edit.getByLabel(/^Description/).fill('the red one');
  await edit.getByRole('button', { name: 'Save variant' }).click();
  await edit.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: 'the red one' }).waitFor();
  const after = await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color`);
  eq(after.description, 'Checkout button color', 'description updated');
  eq(after.metadata, { team: 'payments', weight: 3 }, 'metadata kept on update');

  // reload on the deep link shows the same page
  await page.reload();
  await page.getByRole('heading', { name: 'Variants', exact: true }).waitFor();
});

test('rules: single and split distributions, edit, reorder by drag and keyboard, default variant, delete', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'flags/checkout-color/rules')));
  await page.getByText('No rules yet').waitFor();
  // rule 1: one segment, one variant
  await page.getByRole('button', { name: 'New rule' }).click();
  let d = page.getByRole('dialog', { name: 'New rule' });
  await d.getByRole('button', { name: 'Create rule' }).click();
  await expectText(d, 'Choose at least one segment', 'segment required');
  await d.getByLabel('Segments', { exact: true }).selectOption('beta-users');
  await d.getByLabel('Variant', { exact: true }).selectOption({ label: 'blue — BLUE' });
  await d.getByRole('button', { name: 'Create rule' }).click();
  await d.waitFor({ state: 'detached' });
  // rule 2: two segments, ALL, percentage split
  await page.getByRole('button', { name: 'New rule' }).click();
  d = page.getByRole('dialog', { name: 'New rule' });
  await d.getByLabel('Segments', { exact: true }).selectOption('beta-users');
  await d.getByLabel('Segments', { exact: true }).selectOption('pro-users');
  await d.getByLabel('ALL of these segments', { exact: true }).check();
  await d.getByLabel('A percentage split', { exact: true }).check();
  await d.getByLabel('blue', { exact: true }).fill('60');
  await d.getByRole('button', { name: 'Create rule' }).click();
  await expectText(d, 'Percentages must add up to 100', 'sum validated');
  await shot(page, 'rule-bad-sum');
  await d.getByLabel('red', { exact: true }).fill('20');
  await d.getByLabel('green', { exact: true }).fill('20');
  await expectText(d, 'Total: 100%', 'sum shown');
  await d.getByRole('button', { name: 'Create rule' }).click();
  await d.waitFor({ state: 'detached' });
  await page.locator('.sortable-item').nth(1).waitFor();
  await shot(page, 'rules');

  let rules = (await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules;
  eq(rules.length, 2, 'two rules');
  const variants = (await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color`)).variants;
  const vid = Object.fromEntries(variants.map((v) => [v.key, v.id]));
  eq(rules[1].segmentOperator, 'AND_SEGMENT_OPERATOR', 'ALL operator');
  eq(rules[1].distributions.map((x) => [x.variantId, x.rollout]).sort(), [[vid.blue, 60], [vid.green, 20], [vid.red, 20]].sort(), 'split saved');
  const [first, second] = rules.map((r) => r.id);

  // drag the second rule above the first
  const items = page.locator('.sortable-item');
  await dragTo(page, items.nth(1), items.nth(0));
  await toast(page, 'Rule order saved');
  rules = (await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules.sort((a, b) => a.rank - b.rank);
  eq(rules.map((r) => r.id), [second, first], 'order after drag and drop');

  // bucket coverage, and where entities land according to the server (rule 1 is now beta AND pro)
  await expectText(page.locator('.sortable-item').nth(0), '60% of buckets', 'bucket coverage of the split');
  const landing = async (entityId, context) => {
    await page.getByLabel('Entity ID', { exact: true }).fill(entityId);
    await page.getByLabel(/^Context/).fill(context);
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    const status = page.locator('.entity-landing', { hasText: entityId });
    await status.waitFor();
    return status.textContent();
  };
  const served = (await api('POST', '/evaluate/v1/variant', { namespaceKey: NS, flagKey: 'checkout-color', entityId: 'user-1', context: { plan: 'pro' } })).variantKey;
  assert(['blue', 'red', 'green'].includes(served), `split serves a variant, got ${served}`);
  eq(await landing('user-1', '{"plan":"pro"}'), `user-1 matches rule 1 and gets variant ${served} (computed by the server, reason MATCH)`, 'entity in both segments');
  await expectText(page.locator('.sortable-item').nth(0), 'lands here', 'matched rule highlighted');
  await shot(page, 'rules-entity-landing');
  eq(await landing('user-1', ''), 'user-1 matches rule 2 and gets variant blue (computed by the server, reason MATCH)', 'entity in beta only');
  eq(await landing('nobody', ''), 'nobody matches no rule and gets no variant (computed by the server, reason UNKNOWN)', 'entity in no segment');
  // and back with the keyboard
  await page.getByRole('button', { name: 'Move rule 2 up' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  rules = (await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules.sort((a, b) => a.rank - b.rank);
  eq(rules.map((r) => r.id), [first, second], 'order after keyboard move');

  // edit rule 1: switch to red
  await page.getByRole('button', { name: 'Edit rule 1' }).click();
  d = page.getByRole('dialog', { name: 'Edit rule' });
  await d.getByLabel('Variant', { exact: true }).selectOption({ label: 'red — RED' });
  await d.getByRole('button', { name: 'Save rule' }).click();
  await d.waitFor({ state: 'detached' });
  rules = (await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules.sort((a, b) => a.rank - b.rank);
  eq(rules[0].distributions.map((x) => [x.variantId, x.rollout]), [[vid.red, 100]], 'edited distribution');

  // default variant
  await page.getByLabel('Default variant', { exact: true }).selectOption({ label: 'green' });
  await page.getByRole('button', { name: 'Save default' }).click();
  await toast(page, 'Default variant saved');
  eq((await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color`)).defaultVariant?.key, 'green', 'default variant saved');

  // delete rule 2 with confirmation
  await page.getByRole('button', { name: 'Delete rule 2' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete rule' });
  await shot(page, 'rule-delete-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  eq((await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules.length, 2, 'cancel keeps the rule');
  await page.getByRole('button', { name: 'Delete rule 2' }).click();
  await page.getByRole('dialog', { name: 'Delete rule' }).getByRole('button', { name: 'Delete' }).click();
  await toast(page, 'Rule deleted');
  eq((await api('GET', `/api/v1/namespaces/${NS}/flags/checkout-color/rules`)).rules.length, 1, 'rule deleted');

  // a segment in use can't be deleted: the server says so, and the page lists who uses it
  await page.goto(url(nsPath(NS, 'segments/beta-users')));
  const usage = page.getByRole('region', { name: 'Used by flags' });
  await expectText(usage.getByRole('listitem'), 'checkout-color', 'flag using the segment listed');
  await expectText(usage.getByRole('listitem'), 'rule 1', 'rule using the segment listed');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const del = page.getByRole('dialog', { name: 'Delete segment' });
  await del.getByRole('button', { name: 'Delete' }).click();
  await expectText(del.getByRole('alert'), 'in use', 'segment in use');
  await shot(page, 'segment-in-use');
  await del.getByRole('button', { name: 'Cancel' }).click();
});

test('rollouts: threshold and segment, edit, reorder, delete', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'flags/new')));
  await page.getByLabel('Name', { exact: true }).fill('Dark Mode');
  await page.getByLabel(/^Boolean/).check();
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.waitForURL(`**${nsPath(NS, 'flags/dark-mode')}`);
  await page.getByText('No rollouts yet').waitFor();

  await page.getByRole('button', { name: 'New rollout' }).click();
  let d = page.getByRole('dialog', { name: 'New rollout' });
  await d.getByLabel('Percentage', { exact: true }).fill('120');
  await d.getByRole('button', { name: 'Create rollout' }).click();
  await expectText(d, 'between 0 and 100', 'threshold validated');
  await d.getByLabel('Percentage', { exact: true }).fill('30');
  await d.getByLabel(/^Description/).fill('thirty percent');
  await d.getByRole('button', { name: 'Create rollout' }).click();
  await d.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'New rollout' }).click();
  d = page.getByRole('dialog', { name: 'New rollout' });
  await d.getByLabel(/^Segment/).check();
  await d.getByLabel('Segments', { exact: true }).selectOption('pro-users');
  await d.getByLabel('Segments', { exact: true }).selectOption('beta-users');
  await d.getByLabel('ANY of these segments', { exact: true }).check();
  await d.getByLabel('Value', { exact: true }).selectOption('false');
  await d.getByRole('button', { name: 'Create rollout' }).click();
  await d.waitFor({ state: 'detached' });
  await page.locator('.sortable-item').nth(1).waitFor();
  await shot(page, 'rollouts');

  const list = async () => (await api('GET', `/api/v1/namespaces/${NS}/flags/dark-mode/rollouts`)).rules.sort((a, b) => a.rank - b.rank);
  let rollouts = await list();
  eq(rollouts.map((r) => r.type), ['THRESHOLD_ROLLOUT_TYPE', 'SEGMENT_ROLLOUT_TYPE'], 'rollout types');
  eq(rollouts[0].threshold, { percentage: 30, value: true }, 'threshold saved');
  eq(rollouts[1].segment.value, false, 'segment rollout value');
  eq([...rollouts[1].segment.segmentKeys].sort(), ['beta-users', 'pro-users'], 'segment keys');
  const [a, b] = rollouts.map((r) => r.id);

  const items = page.locator('.sortable-item');
  await dragTo(page, items.nth(0), items.nth(1));
  await toast(page, 'Rollout order saved');
  rollouts = await list();
  eq(rollouts.map((r) => r.id), [b, a], 'rollout order after drag');
  await page.getByRole('button', { name: 'Move rollout 1 down' }).click();
  await page.waitForTimeout(300);
  rollouts = await list();
  eq(rollouts.map((r) => r.id), [a, b], 'rollout order after button');

  await page.getByRole('button', { name: 'Edit rollout 1' }).click();
  d = page.getByRole('dialog', { name: 'Edit rollout' });
  assert(await d.getByLabel(/^Segment/).isDisabled(), 'rollout type is fixed when editing');
  await d.getByLabel('Percentage', { exact: true }).fill('55');
  await d.getByRole('button', { name: 'Save rollout' }).click();
  await d.waitFor({ state: 'detached' });
  eq((await list())[0].threshold.percentage, 55, 'threshold edited');

  // default value toggle lives in the flag form
  await page.getByRole('switch', { name: 'Default value' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Flag saved');
  eq((await api('GET', `/api/v1/namespaces/${NS}/flags/dark-mode`)).enabled, true, 'default value saved');

  await page.getByRole('button', { name: 'Delete rollout 2' }).click();
  await page.getByRole('dialog', { name: 'Delete rollout' }).getByRole('button', { name: 'Delete' }).click();
  await toast(page, 'Rollout deleted');
  eq((await list()).length, 1, 'rollout deleted');
});

test('console: evaluate variant and boolean flags, copy as curl', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await page.goto(url(nsPath(NS, 'console')));
  await page.getByLabel('Flag', { exact: true }).fill('checkout-color');
  await page.getByLabel('Entity ID', { exact: true }).fill('user-42');
  await page.getByLabel('Context', { exact: true }).fill('{"plan": 1}');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expectText(page.locator('form[aria-label="Evaluate"]'), 'must be strings', 'context validated');
  await page.getByLabel('Context', { exact: true }).fill('{"plan": "enterprise", "age": "18"}');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const response = page.getByTestId('evaluation-response');
  await response.waitFor();
  const body = JSON.parse(await response.textContent());
  eq(body.flagKey, 'checkout-color', 'response flag key');
  assert('reason' in body && 'variantKey' in body && 'requestId' in body, 'full variant response shown');
  await shot(page, 'console-variant');
  await page.getByRole('button', { name: /Copy as curl/ }).click();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert(clip.startsWith(`curl -X POST '${BASE}/evaluate/v1/variant'`), `curl copied: ${clip}`);
  assert(clip.includes('"entityId":"user-42"'), 'curl carries the request');
  // the curl command gives the same answer
  const bodyMatch = /-d '(.*)'$/s.exec(clip);
  assert(bodyMatch, 'curl has a body');
  const viaApi = await api('POST', '/evaluate/v1/variant', JSON.parse(bodyMatch[1]));
  eq([viaApi.variantKey, viaApi.reason, viaApi.match], [body.variantKey, body.reason, body.match], 'same result as the API');

  await page.getByLabel('Flag', { exact: true }).fill('dark-mode');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="evaluation-response"]')?.textContent?.includes('"enabled"'));
  const boolBody = JSON.parse(await response.textContent());
  eq(boolBody.flagKey, 'dark-mode', 'boolean response');
  assert(typeof boolBody.enabled === 'boolean', 'boolean evaluation shown');
  await shot(page, 'console-boolean');
});

test('flags: copy to another namespace and delete with confirmation', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'flags/checkout-color')));
  await page.getByRole('button', { name: 'Copy to namespace' }).click();
  const d = page.getByRole('dialog', { name: 'Copy flag to namespace' });
  await d.getByLabel('Target namespace', { exact: true }).selectOption(NS2);
  await d.getByRole('button', { name: 'Copy' }).click();
  await toast(page, `Flag copied to "${NS2}"`);
  const copied = await api('GET', `/api/v1/namespaces/${NS2}/flags/checkout-color`);
  eq(copied.variants.map((v) => v.key), ['blue', 'red', 'green'], 'variants copied');
  eq(copied.defaultVariant?.key, 'green', 'default variant copied');
  eq(copied.metadata, { team: 'payments', weight: 3 }, 'metadata copied');

  await page.goto(url(nsPath(NS2, 'flags/checkout-color')));
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete flag' }).getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(`**${nsPath(NS2, 'flags')}`);
  await page.getByText('No flags yet').waitFor();
  eq((await api('GET', `/api/v1/namespaces/${NS2}/flags/checkout-color`, undefined, { allowError: true })).status, 404, 'flag deleted');
});

test('segments copy; namespace delete asks, shows the refusal, then deletes with force', async ({ page }) => {
  const NS3 = `${RUN}-c`;
  await api('POST', '/api/v1/namespaces', { key: NS3, name: `E2E ${ID} c`, description: '' });
  await page.goto(url(nsPath(NS, 'segments/beta-users')));
  await page.getByRole('button', { name: 'Copy to namespace' }).click();
  const d = page.getByRole('dialog', { name: 'Copy segment to namespace' });
  await d.getByLabel('Target namespace', { exact: true }).selectOption(NS3);
  await d.getByRole('button', { name: 'Copy' }).click();
  await toast(page, `Segment copied to "${NS3}"`);
  const copied = await api('GET', `/api/v1/namespaces/${NS3}/segments/beta-users`);
  eq(copied.constraints.length, 4, 'constraints copied');
  await api('POST', `/api/v1/namespaces/${NS3}/flags`, { key: 'keep-me', name: 'Keep me' });

  await page.goto(url('/settings/namespaces'));
  await page.getByRole('button', { name: `Delete namespace ${NS3}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete namespace' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  const refusal = confirm.getByRole('alert');
  await refusal.or(page.locator('.toast', { hasText: `Namespace "${NS3}" deleted` })).first().waitFor();
  if (await refusal.isVisible()) {
    // Flipt refuses to delete a namespace that still has flags unless forced
    await expectText(refusal, 'flags must be deleted first', 'server refusal shown');
    await shot(page, 'namespace-delete-refused');
    await confirm.getByLabel('Also delete every flag and segment in it').check();
    await confirm.getByRole('button', { name: 'Delete' }).click();
  }
  await toast(page, `Namespace "${NS3}" deleted`);
  eq((await api('GET', `/api/v1/namespaces/${NS3}`, undefined, { allowError: true })).status, 404, 'namespace deleted');
  await page.getByRole('button', { name: `Delete namespace ${NS3}` }).waitFor({ state: 'detached' });
});

test('flags list: search, sort, badges, pagination', async ({ page }) => {
  for (let i = 0; i < 25; i++) {
    await api('POST', `/api/v1/namespaces/${NS2}/flags`, { key: `list-${String(i).padStart(2, '0')}`, name: `List ${i}`, enabled: i % 2 === 0, type: i % 3 === 0 ? 'BOOLEAN_FLAG_TYPE' : 'VARIANT_FLAG_TYPE' });
  }
  await page.goto(url(nsPath(NS2, 'flags')));
  await page.getByText('1–20 of 25').waitFor();
  const table = page.getByRole('table', { name: 'Flags' });
  eq(await table.locator('tbody tr').count(), 20, 'first page');
  assert((await table.getByText('Boolean').count()) > 0 && (await table.getByText('Variant').count()) > 0, 'type badges');
  assert((await table.getByText('Enabled').count()) > 0 && (await table.getByText(/Default: (true|false)/).count()) > 0, 'status badges');
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('21–25 of 25').waitFor();
  await page.getByRole('button', { name: /^Key/ }).click();
  await page.getByRole('button', { name: /^Key/ }).click();
  const firstKey = await table.locator('tbody tr').first().locator('code').textContent();
  eq(firstKey, 'list-24', 'sorted by key descending');
  await page.getByRole('searchbox').fill('List 1');
  await page.getByText(/of 11$/).waitFor();
  await shot(page, 'flags-list');
});

if (BULK > 0) {
  test(
    `flags list stays fast with ${BULK} flags`,
    async ({ page }) => {
      await api('POST', '/api/v1/namespaces', { key: NS_BULK, name: `E2E ${RUN} bulk`, description: '' });
      const started = Date.now();
      await pool(BULK, 16, (i) =>
        api('POST', `/api/v1/namespaces/${NS_BULK}/flags`, {
          key: `bulk-${String(i).padStart(5, '0')}`,
          name: `Bulk flag ${i}`,
          description: i % 7 === 0 ? `needle ${i}` : '',
          enabled: i % 2 === 0,
          type: i % 4 === 0 ? 'BOOLEAN_FLAG_TYPE' : 'VARIANT_FLAG_TYPE',
        }),
      );
      console.log(`      (created ${BULK} flags through the API in ${Date.now() - started} ms)`);
      const t0 = Date.now();
      await page.goto(url(nsPath(NS_BULK, 'flags')));
      await page.locator('tbody tr').first().waitFor({ timeout: 60000 });
      const firstPage = Date.now() - t0;
      await page.getByText(`1–20 of ${BULK}`).waitFor({ timeout: 60000 });
      const allLoaded = Date.now() - t0;
      const t1 = Date.now();
      await page.getByRole('button', { name: 'Last page' }).click();
      await page.getByText(`Page ${Math.ceil(BULK / 20)} of ${Math.ceil(BULK / 20)}`).waitFor();
      const paging = Date.now() - t1;
      const t2 = Date.now();
      await page.getByRole('searchbox').fill('needle');
      await page.getByText(new RegExp(`of ${Math.ceil(BULK / 7)}$`)).waitFor();
      const search = Date.now() - t2;
      const t3 = Date.now();
      await page.getByRole('button', { name: /^Updated/ }).click();
      await page.waitForTimeout(50);
      const sort = Date.now() - t3;
      await page.getByRole('searchbox').fill('');
      await page.getByLabel('Rows per page').selectOption('100');
      eq(await page.locator('tbody tr').count(), 100, '100 rows per page');
      await shot(page, 'flags-bulk');
      console.log(`      (first rows ${firstPage} ms, all ${BULK} loaded ${allLoaded} ms, last page ${paging} ms, search ${search} ms, sort ${sort} ms)`);
      assert(paging < 1500, `paging took ${paging} ms`);
      assert(search < 1500, `search took ${search} ms`);
    },
    { timeout: 600000 },
  );
}

test('settings: theme and time display', async ({ page }) => {
  await page.goto(url('/settings'));
  await page.getByLabel(/^Dark/).check();
  eq(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'dark theme applied');
  await page.goto(url(nsPath(NS, 'flags/checkout-color')));
  await page.getByRole('heading', { name: 'Variants', exact: true }).waitFor();
  const utcLine = await page.getByText(/^Created/).textContent();
  assert(utcLine.includes('UTC'), `UTC times by default: ${utcLine}`);
  await shot(page, 'flag-dark');
  await page.goto(url('/settings'));
  await page.getByLabel(/^Local time/).check();
  await page.getByLabel(/^Light/).check();
  eq(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'light theme applied');
  await page.reload();
  assert(await page.getByLabel(/^Local time/).isChecked(), 'preference kept after reload');
  await page.getByLabel(/^System/).check();
  await shot(page, 'settings');
});

test('phone width: menu, namespace switcher and forms fit', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  try {
    await page.goto(url(nsPath(NS, 'flags')));
    await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await shot(page, 'phone-flags');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('link', { name: 'Segments' }).waitFor();
    await shot(page, 'phone-menu');
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
    await page.goto(url(nsPath(NS, 'flags/checkout-color/rules')));
    await page.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
    const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow2 <= 1, `rules page fits (overflow ${overflow2}px)`);
    await shot(page, 'phone-rules');
  } finally {
    await ctx.close();
  }
});

test('keyboard: skip link, labelled controls, dialogs close on Escape', async ({ page }) => {
  await page.goto(url(nsPath(NS, 'flags')));
  await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();
  await page.keyboard.press('Tab');
  eq(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content', 'skip link first');
  // every visible form control has an accessible name
  await page.goto(url(nsPath(NS, 'flags/checkout-color')));
  await page.getByRole('heading', { name: 'Variants', exact: true }).waitFor();
  await page.getByRole('button', { name: 'New variant' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New variant' });
  await dialog.waitFor();
  eq(await page.evaluate(() => document.activeElement?.id === document.querySelector('[role=dialog] input')?.id), true, 'focus moves into the dialog');
  const unlabeled = await page.evaluate(() =>
    Array.from(document.querySelectorAll('input, select, textarea, button'))
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const label = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim());
        return !label;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  eq(unlabeled, [], 'all controls labelled');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  eq(await page.evaluate(() => document.activeElement?.textContent), 'New variant', 'focus returns to the opener');
});

// ---------- authentication (FLIPT_UI_E2E_SUITE=auth) ----------

async function signIn(page, token) {
  await page.goto(url('/'));
  await page.waitForURL('**/login');
  await page.getByLabel('Client token').fill(token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();
}

async function statusWith(token, path) {
  return (await fetch(url(path), { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } })).status;
}

test(
  'login: the login page guards the UI, lists the sign-in methods and refuses bad tokens',
  async ({ page }) => {
    assert(BOOTSTRAP, 'FLIPT_UI_E2E_BOOTSTRAP_TOKEN is set');
    eq((await fetch(url('/api/v1/namespaces'))).status, 401, 'the API needs a token');
    await page.goto(url('/namespaces/default/flags'));
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    if (OIDC_PROVIDER) await page.getByRole('button', { name: `Continue with ${OIDC_PROVIDER}` }).waitFor();
    await shot(page, 'login');

    await page.getByLabel('Client token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expectText(page.getByRole('alert'), 'did not accept this token', 'unknown token refused');
    eq(await page.evaluate(() => window.localStorage.getItem('flipt.clientToken')), null, 'a refused token is not kept');

    // a token limited to one namespace cannot use the UI, which needs /meta and /auth
    const scoped = await api('POST', '/auth/v1/method/token', { name: `${RUN}-scoped`, description: 'e2e', namespaceKey: 'default' });
    await page.getByLabel('Client token').fill(scoped.clientToken);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expectText(page.getByRole('alert'), 'limited to one namespace', 'scoped token refused with an explanation');
    await shot(page, 'login-refused');

    if (OIDC_PROVIDER && !OIDC_PORT) {
      // the provider is configured but no identity provider answers: the UI shows the server's error and stays put
      await page.getByRole('button', { name: `Continue with ${OIDC_PROVIDER}` }).click();
      await page.getByRole('alert').filter({ hasNotText: 'limited to one namespace' }).waitFor();
      assert(page.url().endsWith('/login'), `still on the login page, at ${page.url()}`);
    }
  },
  { suite: 'auth' },
);

test(
  'login: sign in with the bootstrap token, stay signed in on reload, log out to the login page',
  async ({ page }) => {
    await signIn(page, BOOTSTRAP);
    await expectText(page.locator('.sidebar .user'), 'initial_bootstrap_token', 'the sidebar names the token');
    await page.reload();
    await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(url('/settings'));
    await page.waitForURL('**/login');
    // logging this browser out forgets the token without revoking it (applications may share it)
    eq(await statusWith(BOOTSTRAP, '/auth/v1/self'), 200, 'bootstrap token still valid after logout');
    await signIn(page, BOOTSTRAP);
  },
  { suite: 'auth' },
);

test(
  'tokens: list, create with expiry and namespace scope, shown once, delete with confirmation',
  async ({ page }) => {
    await api('POST', '/api/v1/namespaces', { key: NS, name: `E2E ${ID}`, description: '' });
    await signIn(page, BOOTSTRAP);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/settings/tokens');
    const own = page.getByRole('row', { name: /initial_bootstrap_token/ });
    await expectText(own, 'this browser', 'the signed-in token is marked');

    const name = `${RUN}-ci`;
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel(/^Description/).fill('created by the e2e run');
    await dialog.getByLabel(/^Expires/).fill('2099-06-30T12:00');
    await dialog.getByLabel(/^Namespace/).selectOption(NS);
    await shot(page, 'token-new');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const created = page.getByRole('dialog', { name: `Token "${name}" created` });
    const secret = await created.getByLabel('New client token').inputValue();
    assert(secret.length > 20, `a client token is shown, got "${secret}"`);
    await shot(page, 'token-created');
    eq(await statusWith(secret, `/api/v1/namespaces/${NS}/flags`), 200, 'new token works in its namespace');
    eq(await statusWith(secret, '/api/v1/namespaces/default/flags'), 401, 'new token is refused elsewhere');
    await created.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row', { name: new RegExp(name) });
    await expectText(row, NS, 'namespace shown');
    await expectText(row, '2099-06-30 12:00 UTC', 'expiry shown');
    const listed = (await api('GET', '/auth/v1/tokens')).authentications.find((t) => t.metadata['io.flipt.auth.token.name'] === name);
    eq(listed.expiresAt, '2099-06-30T12:00:00Z', 'expiry stored');
    eq(listed.metadata['io.flipt.auth.token.namespace'], NS, 'scope stored');
    await page.reload();
    await row.waitFor();
    assert(!(await page.content()).includes(secret), 'the token is shown only once');
    await shot(page, 'tokens');

    await row.getByRole('button', { name: `Delete token ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete token' });
    await expectText(confirm, 'will get 401', 'deletion explains the consequence');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await toast(page, 'Token deleted');
    await row.waitFor({ state: 'detached' });
    eq(await statusWith(secret, `/api/v1/namespaces/${NS}/flags`), 401, 'deleted token no longer works');
  },
  { suite: 'auth' },
);

test(
  'login: sign in through the OIDC provider with a session cookie; log out expires the session',
  async ({ page, context }) => {
    assert(oidc && OIDC_PROVIDER, 'FLIPT_UI_E2E_OIDC_PORT and FLIPT_UI_E2E_OIDC_PROVIDER are set');
    await page.goto(url('/'));
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: `Continue with ${OIDC_PROVIDER}` }).click();
    await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();
    await expectText(page.locator('.sidebar .user'), OIDC_USER.name, 'the sidebar names the signed-in person');
    eq(oidc.stats.errors, [], 'the identity provider saw only valid requests');
    eq(oidc.stats.exchanges, 1, 'one authorization code exchanged');
    const session = (await context.cookies()).find((c) => c.name === 'flipt_client_token');
    assert(session?.httpOnly, 'an HttpOnly session cookie is set');
    eq(await page.evaluate(() => window.localStorage.getItem('flipt.clientToken')), null, 'no token kept in storage for a session');
    await shot(page, 'login-oidc-signed-in');
    const self = await fetch(url('/auth/v1/self'), { headers: { Cookie: `flipt_client_token=${session.value}` } });
    eq(self.status, 200, 'the session authenticates');
    const who = await self.json();
    eq([who.method, who.metadata['io.flipt.auth.oidc.email']], ['METHOD_OIDC', OIDC_USER.email], 'an OIDC session of the provider user');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    const after = await fetch(url('/auth/v1/self'), { headers: { Cookie: `flipt_client_token=${session.value}` } });
    eq(after.status, 401, 'logging out expired the session on the server');
  },
  { suite: 'auth' },
);

// ---------- read-only mode (FLIPT_UI_E2E_SUITE=readonly-seed, then readonly) ----------

const RO = 'e2e-readonly';

test(
  'read-only seed: a namespace with flags, rules, rollouts and a segment',
  async () => {
    await api('POST', '/api/v1/namespaces', { key: RO, name: 'Read-only data', description: 'seeded while writable' });
    const ns = `/api/v1/namespaces/${RO}`;
    await api('POST', `${ns}/segments`, { key: 'pro', name: 'Pro users', matchType: 'ALL_MATCH_TYPE' });
    await api('POST', `${ns}/segments/pro/constraints`, { type: 'STRING_COMPARISON_TYPE', property: 'plan', operator: 'eq', value: 'pro' });
    await api('POST', `${ns}/flags`, { key: 'color', name: 'Color', enabled: true, type: 'VARIANT_FLAG_TYPE', metadata: { team: 'web' } });
    const blue = await api('POST', `${ns}/flags/color/variants`, { key: 'blue' });
    const red = await api('POST', `${ns}/flags/color/variants`, { key: 'red' });
    const rule = await api('POST', `${ns}/flags/color/rules`, { segmentKey: 'pro', rank: 1 });
    await api('POST', `${ns}/flags/color/rules/${rule.id}/distributions`, { variantId: blue.id, rollout: 50 });
    await api('POST', `${ns}/flags/color/rules/${rule.id}/distributions`, { variantId: red.id, rollout: 50 });
    await api('PUT', `${ns}/flags/color`, { key: 'color', name: 'Color', enabled: true, defaultVariantId: blue.id });
    await api('POST', `${ns}/flags`, { key: 'dark-mode', name: 'Dark mode', enabled: false, type: 'BOOLEAN_FLAG_TYPE' });
    await api('POST', `${ns}/flags/dark-mode/rollouts`, { rank: 1, threshold: { percentage: 30, value: true } });
    await api('POST', `${ns}/flags/dark-mode/rollouts`, { rank: 2, segment: { segmentKey: 'pro', value: true } });
  },
  { suite: 'readonly-seed' },
);

/** The names of visible buttons and links that would change something. */
async function mutationControls(page) {
  const names = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button, a'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => (el.getAttribute('aria-label') || el.textContent || '').trim()),
  );
  return names.filter((n) => /^(New|Create|Delete|Edit|Save|Copy to|Move|Split|Remove|\+ Add)/.test(n));
}

test(
  'read-only: banner, every mutation hidden or disabled, viewing and the console still work',
  async ({ page }) => {
    const refused = await api('POST', `/api/v1/namespaces/${RO}/flags`, { key: 'x', name: 'x' }, { allowError: true });
    eq([refused.status, refused.data?.message], [500, 'modification is not allowed in read-only mode'], 'the server refuses writes');

    await page.goto(url(nsPath(RO, 'flags')));
    await page.getByRole('link', { name: 'Dark mode' }).waitFor();
    await expectText(page.locator('.readonly-banner'), 'Read-only mode', 'banner shown');
    await shot(page, 'read-only-banner');
    eq(await mutationControls(page), [], 'flags list: no mutations');

    await page.getByRole('link', { name: 'Color' }).click();
    await page.getByRole('heading', { name: 'Variants', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'red' }).waitFor();
    eq(await mutationControls(page), [], 'flag page: no mutations');
    assert(await page.getByLabel('Name', { exact: true }).isDisabled(), 'flag name is read-only');
    assert(await page.getByRole('switch', { name: 'Enabled' }).isDisabled(), 'enabled toggle is read-only');

    await page.getByRole('link', { name: 'Rules', exact: true }).click();
    await page.locator('.sortable-item').first().waitFor();
    eq(await mutationControls(page), [], 'rules: no mutations');
    assert(await page.getByLabel('Default variant', { exact: true }).isDisabled(), 'default variant is read-only');
    eq(await page.locator('.sortable-item[draggable=true]').count(), 0, 'rules cannot be dragged');
    await page.getByLabel('Entity ID', { exact: true }).fill('user-9');
    await page.getByLabel(/^Context/).fill('{"plan":"pro"}');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await expectText(page.locator('.entity-landing'), 'user-9 matches rule 1', 'entity landing still works');
    await shot(page, 'read-only-rules');

    await page.goto(url(nsPath(RO, 'flags/dark-mode')));
    await page.getByRole('heading', { name: 'Rollouts', exact: true }).waitFor();
    await page.locator('.sortable-item').nth(1).waitFor();
    eq(await mutationControls(page), [], 'rollouts: no mutations');

    await page.goto(url(nsPath(RO, 'segments')));
    await page.getByRole('link', { name: 'Pro users' }).click();
    await page.getByRole('cell', { name: 'plan' }).waitFor();
    const usage = page.getByRole('region', { name: 'Used by flags' });
    await usage.getByRole('listitem').nth(1).waitFor();
    eq(await usage.getByRole('listitem').allTextContents(), ['Color color rule 1', 'Dark mode dark-mode rollout 2'], 'usage lists both flags');
    eq(await mutationControls(page), [], 'segment page: no mutations');

    await page.goto(url(nsPath(RO, 'flags/new')));
    await expectText(page.getByText(/read-only mode: new flags/), 'cannot be created', 'no flag form');
    await page.goto(url('/settings/namespaces'));
    await page.getByRole('cell', { name: RO }).waitFor();
    eq(await mutationControls(page), [], 'namespaces: no mutations');

    await page.goto(url(nsPath(RO, 'console')));
    await page.getByLabel('Flag', { exact: true }).fill('color');
    await page.getByLabel('Entity ID', { exact: true }).fill('user-9');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    const response = page.getByTestId('evaluation-response');
    await response.waitFor();
    const body = JSON.parse(await response.textContent());
    eq([body.variantKey, body.reason], ['blue', 'DEFAULT_EVALUATION_REASON'], 'console evaluates: default variant without context');
  },
  { suite: 'readonly' },
);

test('audit: a change made in the UI shows on the audit page', async ({ page }) => {
  await api('POST', '/api/v1/namespaces', { key: NS_AUDIT, name: 'Audit e2e', description: '' });
  await page.goto(url(nsPath(NS_AUDIT, 'flags/new')));
  await page.getByLabel('Name', { exact: true }).fill('Audited flag');
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.waitForURL(/\/flags\/audited-flag/);

  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
  const filters = page.getByRole('form', { name: 'Filter audit events' });
  await filters.getByLabel('Namespace').selectOption(NS_AUDIT);
  await filters.getByLabel('Resource type').selectOption('flag');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  const row = page.locator('tr.audit-row', { hasText: 'audited-flag' });
  await row.waitFor();
  const rows = await page.locator('tr.audit-row').count();
  eq(rows, 1, 'one flag event in the new namespace');
  await expectText(row, 'created', 'the event is a creation');
  await expectText(row, NS_AUDIT, 'the event names its namespace');
  await row.getByRole('button', { name: 'Details' }).click();
  await expectText(page.getByLabel('Event payload'), `"namespace_key": "${NS_AUDIT}"`, 'the payload is shown');
  await shot(page, 'audit');
});

// ---------- runner ----------

async function cleanup() {
  if (SUITE.startsWith('readonly')) return;
  for (const ns of [NS, NS2, `${RUN}-c`, NS_BULK, NS_AUDIT]) {
    await api('DELETE', `/api/v1/namespaces/${ns}?force=true`, undefined, { allowError: true }).catch(() => {});
  }
  if (SUITE === 'auth') {
    const { data } = await api('GET', '/auth/v1/tokens', undefined, { allowError: true });
    for (const t of data?.authentications ?? []) {
      if ((t.metadata?.['io.flipt.auth.token.name'] ?? '').startsWith(RUN)) await api('DELETE', `/auth/v1/tokens/${t.id}`, undefined, { allowError: true });
    }
  }
}

async function main() {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  console.log(`UI e2e (${SUITE} suite) against ${BASE} (run ${RUN}), screenshots in ${SHOTS}`);
  const health = await fetch(url('/health')).catch((e) => ({ ok: false, statusText: String(e) }));
  if (!health.ok) {
    console.error(`server at ${BASE} is not healthy: ${health.status ?? ''} ${health.statusText}`);
    process.exit(2);
  }
  if (SUITE === 'auth' && OIDC_PORT) {
    oidc = await startFakeOidc(OIDC_PORT, {
      clientId: process.env.FLIPT_UI_E2E_OIDC_CLIENT_ID ?? '',
      clientSecret: process.env.FLIPT_UI_E2E_OIDC_CLIENT_SECRET ?? '',
      user: OIDC_USER,
    });
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  let passed = 0;
  const failures = [];
  try {
    for (const t of tests) {
      if (t.suite !== SUITE || (ONLY && !t.name.includes(ONLY))) continue;
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      if (TOKEN) {
        await context.addInitScript((token) => window.localStorage.setItem('flipt.clientToken', token), TOKEN);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      const consoleErrors = [];
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      const started = Date.now();
      try {
        await Promise.race([t.fn({ page, context, browser }), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${t.timeout} ms`)), t.timeout))]);
        if (consoleErrors.length) throw new Error(`uncaught page errors: ${consoleErrors.join('; ')}`);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures.push({ name: t.name, error });
        console.log(`  ✗ ${t.name} (${Date.now() - started} ms)\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
        await page.screenshot({ path: join(SHOTS, `FAILED-${t.name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await oidc?.close();
    if (!process.env.FLIPT_UI_E2E_KEEP) await cleanup();
  }
  console.log(`\n${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
