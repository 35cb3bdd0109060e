/**
 * The API contract sweep: every answer of every operation, in every edition, for good and bad
 * input, is checked against the OpenAPI 3.1 document the API serves, with ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). An answer whose status the document does not list fails.
 */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats, { type FormatsPlugin } from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Document = { paths: Record<string, { get?: Operation }> } & Record<string, unknown>;

const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'];
const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';

let document: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its plugin is the `default` property of what the bundler imports.
const addFormats = (formats as unknown as { default: FormatsPlugin }).default;
addFormats(ajv);

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
  document = await (await get('/api/v1/openapi.json')).json<Document>();
  ajv.addSchema({ ...document, $id: 'https://contract.test/openapi.json' });
});

/** The JSON pointer of a path template's GET response schema inside the document. */
function pointerOf(template: string, status: string): string {
  const escape = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');
  return `https://contract.test/openapi.json#/paths/${escape(template)}/get/responses/${status}/content/${escape('application/json')}/schema`;
}

function templateOf(path: string): string | undefined {
  return Object.keys(document.paths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

function sweep(): string[] {
  const urls: string[] = [];
  for (const lang of EDITIONS) {
    urls.push(
      `/api/v1/${lang}/articles`,
      `/api/v1/${lang}/articles?limit=2`,
      `/api/v1/${lang}/articles?limit=0`,
      `/api/v1/${lang}/articles?limit=0x10`,
      `/api/v1/${lang}/articles?cursor=not-a-cursor`,
      `/api/v1/${lang}/articles/${ARTICLE}`,
      `/api/v1/${lang}/articles/no-such-story`,
      `/api/v1/${lang}/articles/Bad_Slug`,
      `/api/v1/${lang}/weeks/2025-W51`,
      `/api/v1/${lang}/weeks/2022-W15`,
      `/api/v1/${lang}/weeks/2025-W53`,
      `/api/v1/${lang}/weeks/banana`,
      `/api/v1/${lang}/search?q=Samarkand`,
      `/api/v1/${lang}/search?q=%D0%A1%D0%B0%D0%BC%D0%B0%D1%80%D2%9B%D0%B0%D0%BD%D0%B4`,
      `/api/v1/${lang}/search?q=a`,
      `/api/v1/${lang}/search?q=Tokyo&page=2`,
      `/api/v1/${lang}/search?q=%FF%FE`,
      `/api/v1/${lang}/search?page=1e1`,
    );
  }
  urls.push('/api/v1/fr/articles', '/api/v1/en/weeks/2025-W51?x=1');
  return urls;
}

describe('every API answer matches the OpenAPI document', () => {
  it('sweeps every operation in every edition, good and bad input', async () => {
    const seen = new Set<string>();
    for (const url of sweep()) {
      const response = await get(url);
      const path = new URL(url, 'https://x').pathname;
      const template = templateOf(path);
      expect(template, url).toBeDefined();
      const operation = document.paths[template ?? '']?.get;
      const status = String(response.status);
      expect(Object.keys(operation?.responses ?? {}), `${url}: status ${status} undocumented`).toContain(status);
      expect(response.status, url).toBeLessThan(500);
      const validate =
        ajv.getSchema(pointerOf(template ?? '', status)) ?? ajv.compile({ $ref: pointerOf(template ?? '', status) });
      const body: unknown = await response.json();
      if (!validate(body)) throw new Error(`${url} (${status}): ${ajv.errorsText(validate.errors)}`);
      seen.add(`${operation?.operationId} ${status}`);
    }
    for (const operationId of ['listArticles', 'getArticle', 'getWeeklySummary', 'search']) {
      expect([...seen], operationId).toContain(`${operationId} 200`);
      expect([...seen], operationId).toContain(`${operationId} 400`);
    }
  }, 60_000);

  it('the catch-all 404 answers with the documented Error shape', async () => {
    const response = await get('/api/v1/en/nothing');
    expect(response.status).toBe(404);
    const validate = ajv.compile({ $ref: 'https://contract.test/openapi.json#/components/schemas/Error' });
    expect(validate(await response.json())).toBe(true);
  });

  it('says uz-Latn where pages and feeds do, never the bare uz', async () => {
    const week = await (await get('/api/v1/uz/weeks/2025-W51')).json<{ language: string }>();
    expect(week.language).toBe('uz-Latn');
    const list = await (await get('/api/v1/uz/articles')).json<{ items: { language: string }[] }>();
    expect(list.items.map((item) => item.language)).not.toContain('uz');
  });

  it('documents servers, operation ids, tags, summaries and date-time formats', () => {
    expect(document.servers).toEqual([{ url: 'https://digest.test', description: 'This site' }]);
    const schemas = (
      document.components as { schemas: Record<string, { properties: Record<string, { format?: string }> }> }
    ).schemas;
    expect(schemas.WeeklySummary?.properties.firstPublishedAt?.format).toBe('date-time');
    for (const template of Object.keys(document.paths)) {
      const operation: (Operation & { tags?: string[]; summary?: string }) | undefined = document.paths[template]?.get;
      if (!operation) continue;
      expect(operation.operationId, template).toBeTruthy();
      expect(operation.tags?.length, template).toBeGreaterThan(0);
      expect(operation.summary, template).toBeTruthy();
      expect(Object.keys(operation.responses), template).toContain('500');
    }
  });
});
