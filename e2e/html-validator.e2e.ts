/**
 * The Nu Html Checker (vnu.jar, the W3C validator's engine) on every page type of every edition:
 * no errors; warnings are printed, not failed. One java run for all pages (the JVM start is slow).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, EDITIONS, pageTypes } from './site.ts';

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal';
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

const pages = EDITIONS.flatMap((edition) =>
  pageTypes(edition).map((type) => ({ ...type, edition, file: `${edition}-${type.name}.html` })),
);
let dir: string;
const messages = new Map<string, VnuMessage[]>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'silk-digest-vnu-'));
  await Promise.all(
    pages.map(async ({ path, file }) => {
      const response = await fetch(baseUrl() + path);
      await writeFile(join(dir, file), await response.text());
    }),
  );
  const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  // vnu exits 1 when it finds errors; the JSON report on stderr is what counts.
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile(
      'java',
      ['-jar', jar, '--format', 'json', ...pages.map(({ file }) => join(dir, file))],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error && !stderr.trim().startsWith('{')) reject(new Error(`vnu failed: ${stderr}`, { cause: error }));
        else resolve(stderr);
      },
    );
  });
  for (const message of (JSON.parse(stderr) as { messages: VnuMessage[] }).messages) {
    const file = message.url ? decodeURIComponent(message.url.split('/').at(-1) ?? '') : '';
    messages.set(file, [...(messages.get(file) ?? []), message]);
  }
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function describeMessage(message: VnuMessage): string {
  return `line ${message.lastLine ?? '?'}: ${message.message}${message.extract ? ` [${message.extract.trim()}]` : ''}`;
}

describe.each(EDITIONS)('%s', (edition) => {
  it.each(pages.filter((page) => page.edition === edition))('$name ($path) has no HTML errors', ({ path, file }) => {
    const found = messages.get(file) ?? [];
    const warnings = found.filter((message) => message.type === 'info' && message.subType === 'warning');
    if (warnings.length > 0)
      console.warn(`${path}: ${warnings.length} warning(s)\n${warnings.map(describeMessage).join('\n')}`);
    const errors = found.filter((message) => message.type !== 'info').map(describeMessage);
    expect(errors, `${path}:\n${errors.join('\n')}`).toEqual([]);
  });
});

it('vnu reported nothing about files it was not given', () => {
  const known = new Set(pages.map(({ file }) => file));
  expect([...messages.keys()].filter((file) => !known.has(file))).toEqual([]);
});
