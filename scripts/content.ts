/** Reads the project's content files from disk (Node side of the corpus loader). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusInput, TranslationFile } from '../src/services/corpus.ts';

const CONTENT = new URL('../content/', import.meta.url).pathname;

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

export async function readCorpusInput(): Promise<CorpusInput> {
  const manifest = await readJson<CorpusInput['manifest']>(join(CONTENT, 'raw/manifest.json'));
  const raws: Record<string, string> = {};
  for (const entry of manifest.documents) raws[entry.file] = await readFile(join(CONTENT, 'raw', entry.file), 'utf8');
  const translations: CorpusInput['translations'] = {};
  for (const lang of ['uz', 'ja'] as const) {
    const dir = join(CONTENT, 'translations', lang);
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()) {
      (translations[lang] ??= {})[name.slice(0, -5)] = await readJson<TranslationFile>(join(dir, name));
    }
  }
  return {
    manifest,
    raws,
    documents: await readJson(join(CONTENT, 'documents.json')),
    entities: await readJson(join(CONTENT, 'entities.json')),
    translations,
  };
}
