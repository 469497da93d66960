// A minimal OpenID Connect provider for the browser tests: discovery, an authorization endpoint
// that approves every login at once (no login form), a token endpoint that checks the client's
// credentials, the redirect URI and PKCE, and returns an RS256-signed ID token, and the JWKS.

import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const base64url = (buffer) => Buffer.from(buffer).toString('base64url');

/**
 * Listens on 127.0.0.1:port. The issuer is http://127.0.0.1:<port> (configure the provider's
 * issuerUrl exactly so). `user` holds the claims of the signed-in person.
 */
export function startFakeOidc(port, { clientId, clientSecret, user }) {
  const issuer = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'e2e-key', alg: 'RS256', use: 'sig' };
  const codes = new Map();
  const stats = { authorizations: 0, exchanges: 0, errors: [] };

  const signIdToken = (claims) => {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk.kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  };

  const json = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res, message) => {
    stats.errors.push(message);
    json(res, 400, { error: 'invalid_request', error_description: message });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url, issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== clientId) return refuse(res, `unknown client ${p.get('client_id')}`);
      if (p.get('response_type') !== 'code') return refuse(res, 'response_type must be code');
      if (!(p.get('scope') ?? '').split(' ').includes('openid')) return refuse(res, 'scope lacks openid');
      const code = base64url(randomBytes(16));
      codes.set(code, { redirectUri: p.get('redirect_uri'), nonce: p.get('nonce'), challenge: p.get('code_challenge') });
      stats.authorizations++;
      const back = new URL(p.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const expected = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return refuse(res, 'client authentication failed');
        const grant = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        if (!grant) return refuse(res, 'unknown or used code');
        if (form.get('redirect_uri') !== grant.redirectUri) return refuse(res, 'redirect_uri differs from the authorization request');
        if (grant.challenge) {
          const verifier = form.get('code_verifier') ?? '';
          if (base64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) return refuse(res, 'PKCE verifier does not match');
        }
        const now = Math.floor(Date.now() / 1000);
        stats.exchanges++;
        json(res, 200, {
          access_token: base64url(randomBytes(16)),
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: signIdToken({ iss: issuer, aud: clientId, iat: now, exp: now + 600, nonce: grant.nonce, ...user }),
        });
      });
      return undefined;
    }
    res.writeHead(404);
    return res.end();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ issuer, stats, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}
