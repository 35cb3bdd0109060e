import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { STYLE_HASH } from '../src/generated/style-hash.ts';
import worker from '../src/index.ts';
import { cspHashOf } from '../scripts/style-hash.ts';
import { STYLES } from '../src/views/styles.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { ORIGIN } from './helpers/http.ts';

const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';

/** A request through the Worker with an execution context, so the edge cache really stores. */
async function fetchWorker(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Parses a CSP header into directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources]),
  );
}

function expectSecurityHeaders(response: Response, label: string): void {
  const headers = response.headers;
  const csp = directives(headers.get('Content-Security-Policy') ?? '');
  expect(csp.get('default-src'), label).toEqual(["'none'"]);
  // Scripts fall back to default-src 'none'; if script-src is ever added it must stay inert.
  for (const sources of [csp.get('script-src') ?? [], csp.get('default-src') ?? []]) {
    expect(sources, label).not.toContain("'unsafe-inline'");
    expect(sources, label).not.toContain("'unsafe-eval'");
  }
  expect(csp.get('style-src'), label).toEqual([STYLE_HASH]);
  expect(csp.get('frame-ancestors'), label).toEqual(["'none'"]);
  expect(csp.get('base-uri'), label).toEqual(["'none'"]);
  expect(csp.get('form-action'), label).toEqual(["'self'"]);
  expect(headers.get('X-Content-Type-Options'), label).toBe('nosniff');
  expect(headers.get('Referrer-Policy'), label).toBe('strict-origin-when-cross-origin');
  expect(headers.get('Strict-Transport-Security'), label).toBe('max-age=63072000; includeSubDomains');
  expect(headers.get('X-Frame-Options'), label).toBe('DENY');
  expect(headers.get('Cross-Origin-Opener-Policy'), label).toBe('same-origin');
  expect(headers.get('Permissions-Policy'), label).toMatch(/camera=\(\)/);
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

describe('security headers', () => {
  it.each([
    ['home', '/en/', 200],
    ['article', `/ja/articles/${ARTICLE}`, 200],
    ['week', '/uz/weeks/2025-W51', 200],
    ['archive', '/uz-Cyrl/weeks/', 200],
    ['topics', '/en/topics/', 200],
    ['topic', '/en/topics/energy', 200],
    ['entity', '/ja/entities/samarkand', 200],
    ['search', '/en/search?q=Tokyo', 200],
    ['RSS', '/en/feed.xml', 200],
    ['Atom', '/ja/feed.atom', 200],
    ['JSON Feed', '/uz/feed.json', 200],
    ['API', '/api/v1/en/articles?limit=2', 200],
    ['API article', `/api/v1/en/articles/${ARTICLE}`, 200],
    ['OpenAPI document', '/api/v1/openapi.json', 200],
    ['API 404', '/api/v1/en/articles/no-such-article', 404],
    ['admin without a token', '/api/v1/admin/documents/1', 401],
    ['negotiating redirect', '/', 302],
    ['language switch', '/lang/ja?next=/ja/', 302],
    ['health check', '/healthz', 200],
    ['404 in an edition', '/en/no-such-page', 404],
    ['404 outside editions', '/no/such/page', 404],
  ])('%s (%s) carries them', async (label, path, status) => {
    const response = await fetchWorker(path);
    expect(response.status, label).toBe(status);
    expectSecurityHeaders(response, label);
  });

  it('are on CORS preflights and on editorial writes', async () => {
    const preflight = await fetchWorker('/api/v1/en/articles', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
    });
    expectSecurityHeaders(preflight, 'preflight');
    const write = await fetchWorker('/api/v1/admin/documents', {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(write.status).toBe(400);
    expectSecurityHeaders(write, 'admin 400');
  });

  it('are on edge cache misses, hits and 304s alike', async () => {
    const path = '/ja/weeks/2025-W51?headers=1';
    const miss = await fetchWorker(path);
    expect(miss.headers.get('X-Cache')).toBe('MISS');
    expectSecurityHeaders(miss, 'MISS');
    const hit = await fetchWorker(path);
    expect(hit.headers.get('X-Cache')).toBe('HIT');
    expectSecurityHeaders(hit, 'HIT');
    const revalidated = await fetchWorker(path, { headers: { 'If-None-Match': hit.headers.get('ETag') ?? '' } });
    expect(revalidated.status).toBe(304);
    expectSecurityHeaders(revalidated, '304');
  });

  it('are on server errors, HTML and JSON', async () => {
    // A D1 binding that fails on first use makes every route throw into onError.
    const broken = {
      ...env,
      DB: {
        withSession() {
          throw new Error('D1 unavailable (injected)');
        },
      } as unknown as D1Database,
    };
    const page = await fetchWorker('/en/', {}, broken);
    expect(page.status).toBe(500);
    expectSecurityHeaders(page, 'HTML 500');
    const api = await fetchWorker('/api/v1/en/articles', {}, broken);
    expect(api.status).toBe(500);
    expectSecurityHeaders(api, 'JSON 500');
  });
});

describe('the stylesheet hash', () => {
  it('is what `npm run style-hash` makes from STYLES (never stale)', async () => {
    expect(STYLE_HASH).toBe(await cspHashOf(STYLES));
  });

  it.each(['/en/', '/uz-Cyrl/weeks/2025-W51', '/en/no-such-page'])(
    '%s: matches the only inline style, and there is no script or style attribute',
    async (path) => {
      const response = await fetchWorker(path);
      const html = await response.text();
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
      expect(styles).toHaveLength(1);
      const policy = directives(response.headers.get('Content-Security-Policy') ?? '');
      expect(policy.get('style-src')).toEqual([await cspHashOf(styles[0] ?? '')]);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    },
  );
});

describe('the lang cookie', () => {
  it('is Secure, HttpOnly and SameSite=Lax, for the whole site', async () => {
    const response = await fetchWorker('/lang/uz?next=/uz/weeks/');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/uz/weeks/');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^lang=uz;/);
    expect(cookie).toMatch(/;\s*Secure(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
  });
});
