import { env } from 'cloudflare:workers';
import { generateSignedCookie } from 'hono/cookie';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginLimiter, MAX_FAILURES, WINDOW_MS } from '../src/desk/auth/rate-limit.ts';
import { ADMIN_TOKEN, cookieOf, desk, openDesk, signIn } from './helpers/desk.ts';

const TEAM = 'https://newsroom.cloudflareaccess.com';
const AUD = 'desk-application-aud-tag';
const accessEnv = { ...env, ACCESS_TEAM_DOMAIN: 'newsroom', ACCESS_AUD: AUD } as Env;

describe('desk without a session secret', () => {
  it('stays closed (503) rather than open', async () => {
    const response = await desk('/desk/', { bindings: { ...env, DESK_SESSION_SECRET: '' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('desk login form', () => {
  it('sends a visitor without a session to the login form, never cached', async () => {
    const home = await desk('/desk/');
    expect(home.status).toBe(303);
    expect(home.headers.get('Location')).toBe('/desk/login');
    const login = await desk('/desk/login');
    expect(login.status).toBe(200);
    expect(login.headers.get('Cache-Control')).toBe('no-store');
    expect(login.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(login.headers.get('X-Cache')).toBeNull();
    expect(await login.text()).toContain('name="token"');
  });

  it('sets a signed, HttpOnly, Secure, SameSite=Strict session cookie and records the name', async () => {
    const response = await desk('/desk/login', {
      form: { name: 'Dilnoza', token: ADMIN_TOKEN },
      headers: { 'CF-Connecting-IP': '198.51.100.20' },
    });
    expect(response.status).toBe(303);
    const setCookie = response.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^desk_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/desk/);
    const home = await desk('/desk/', { cookie: cookieOf(response) });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Dilnoza');
  });

  it('answers every wrong login the same way, and limits wrong tokens per client', async () => {
    const client = { 'CF-Connecting-IP': '203.0.113.50' };
    const wrongToken = await desk('/desk/login', { form: { name: 'Eve', token: 'guess' }, headers: client });
    const noToken = await desk('/desk/login', { form: { name: 'Eve', token: '' }, headers: client });
    expect(wrongToken.status).toBe(401);
    expect(noToken.status).toBe(401);
    expect(wrongToken.headers.get('Set-Cookie')).toBeNull();
    const wrongBody = await wrongToken.text();
    expect(await noToken.text()).toBe(wrongBody);
    for (let i = 2; i < MAX_FAILURES; i++) {
      await desk('/desk/login', { form: { name: 'Eve', token: `guess-${i}` }, headers: client });
    }
    // Limited now: even the right token is refused, with the same answer.
    const limited = await desk('/desk/login', { form: { name: 'Eve', token: ADMIN_TOKEN }, headers: client });
    expect(limited.status).toBe(401);
    expect(limited.headers.get('Set-Cookie')).toBeNull();
    expect(await limited.text()).toBe(wrongBody);
    // Another client is not affected.
    expect((await desk('/desk/login', { form: { name: 'Eve', token: ADMIN_TOKEN } })).status).toBe(303);
  });

  it('refuses a tampered, expired or old-secret session cookie', async () => {
    const cookie = await signIn('Bahodir');
    const tampered = cookie.replace(/Bahodir/, 'Mallory');
    expect(tampered).not.toBe(cookie);
    expect((await desk('/desk/', { cookie: tampered })).status).toBe(303);
    // Signed correctly but expired a minute ago.
    const expired = Math.floor(Date.now() / 1000) - 60;
    const secret = 'test-desk-session-secret-0123456789'; // vitest.config.ts
    const old = await generateSignedCookie('desk_session', `${'a'.repeat(32)}.${expired}.Old`, secret);
    expect((await desk('/desk/', { cookie: old.split(';')[0] })).status).toBe(303);
    // Rotating the secret ends every session.
    const rotated = { ...env, DESK_SESSION_SECRET: 'another-secret-after-rotation' } as Env;
    expect((await desk('/desk/', { cookie, bindings: rotated })).status).toBe(303);
    expect((await desk('/desk/', { cookie })).status).toBe(200);
  });

  it('signs out', async () => {
    const { cookie, token } = await openDesk('Gulnora');
    const out = await desk('/desk/logout', { cookie, form: { _token: token } });
    expect(out.status).toBe(303);
    expect(out.headers.get('Set-Cookie')).toMatch(/desk_session=;.*Max-Age=0/i);
  });
});

describe('desk CSRF', () => {
  it('refuses a cross-site form post, a post without the form token and another session’s token', async () => {
    const alice = await openDesk('Alice');
    const bob = await openDesk('Bob');
    const crossSite = await desk('/desk/weeks/rebuild', {
      cookie: alice.cookie,
      origin: 'https://evil.example',
      form: { _token: alice.token, week: '2025-W51' },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('another site');
    const noToken = await desk('/desk/weeks/rebuild', { cookie: alice.cookie, form: { week: '2025-W51' } });
    expect(noToken.status).toBe(403);
    const otherToken = await desk('/desk/weeks/rebuild', {
      cookie: alice.cookie,
      form: { _token: bob.token, week: '2025-W51' },
    });
    expect(otherToken.status).toBe(403);
    const good = await desk('/desk/weeks/rebuild', {
      cookie: alice.cookie,
      form: { _token: alice.token, week: '2025-W51' },
    });
    expect(good.status).toBe(200);
  });
});

describe('desk behind Cloudflare Access', () => {
  let key: JoseKey;
  let jwk: JWK;
  let otherKey: JoseKey;
  let fetches = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    otherKey = (await generateKeyPair('RS256')).privateKey;
    // The team's JWKS, served by a fake: no network in the tests.
    vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== `${TEAM}/cdn-cgi/access/certs`) return Promise.reject(new Error(`unexpected fetch ${url}`));
      fetches++;
      return Promise.resolve(Response.json({ keys: [jwk] }));
    });
  });
  afterAll(() => vi.restoreAllMocks());

  function token(options: { signWith?: JoseKey; exp?: number; aud?: string; iss?: string } = {}) {
    return new SignJWT({ email: 'editor@newsroom.example' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.iss ?? TEAM)
      .setAudience(options.aud ?? AUD)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(options.signWith ?? key);
  }

  const withToken = (jwt: string) =>
    desk('/desk/', { bindings: accessEnv, headers: { 'Cf-Access-Jwt-Assertion': jwt } });

  it('lets in a valid token; the editor is its email', async () => {
    const response = await withToken(await token());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('editor@newsroom.example');
    expect(fetches).toBeGreaterThan(0);
  });

  it('refuses expired, wrong-audience, wrong-issuer, wrong-key, alg:none and missing tokens the same way', async () => {
    const noneHeader = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '');
    const nonePayload = btoa(
      JSON.stringify({
        email: 'editor@newsroom.example',
        iss: TEAM,
        aud: AUD,
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).replace(/=+$/, '');
    const refused: [string, string][] = [
      ['expired', await token({ exp: Math.floor(Date.now() / 1000) - 120 })],
      ['wrong audience', await token({ aud: 'another-application' })],
      ['wrong issuer', await token({ iss: 'https://other-team.cloudflareaccess.com' })],
      ['wrong key', await token({ signWith: otherKey })],
      ['alg none', `${noneHeader}.${nonePayload}.`],
      ['missing', ''],
    ];
    const bodies = new Set<string>();
    for (const [label, jwt] of refused) {
      const response = await withToken(jwt);
      expect(response.status, label).toBe(403);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('needs no login form: /desk/login goes to the queue', async () => {
    const response = await desk('/desk/login', {
      bindings: accessEnv,
      headers: { 'Cf-Access-Jwt-Assertion': await token() },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/desk/');
  });
});

describe('login limiter', () => {
  it('forgets failures after the window', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < MAX_FAILURES; i++) limiter.recordFailure('c', 1000);
    expect(limiter.allows('c', 1000)).toBe(false);
    expect(limiter.allows('c', 1000 + WINDOW_MS)).toBe(true);
  });
});
