/**
 * Entities an ingested text names: the registry's people, organisations and places whose name
 * in the text's language occurs in it. The weekly summary clusters stories by shared salient
 * entities, so an ingested report needs them to join its story. One query per poll.
 */
import type { Database } from '../../db/client.ts';
import type { ContentLanguage } from '../../services/languages.ts';

export type EntityNames = { slug: string; names: Record<ContentLanguage, string> }[];

export async function loadEntityNames(db: Database): Promise<EntityNames> {
  const { results } = await db.$client
    .prepare('SELECT slug, name_en, name_uz, name_ja FROM entities ORDER BY slug')
    .all<{ slug: string; name_en: string; name_uz: string; name_ja: string }>();
  return results.map((row) => ({ slug: row.slug, names: { en: row.name_en, uz: row.name_uz, ja: row.name_ja } }));
}

export function findEntities(entities: EntityNames, lang: ContentLanguage, text: string): string[] {
  const haystack = text.normalize('NFKC').toLowerCase();
  return entities
    .filter((entity) => {
      const name = entity.names[lang].normalize('NFKC').toLowerCase();
      return name.length >= 2 && haystack.includes(name);
    })
    .map((entity) => entity.slug);
}
