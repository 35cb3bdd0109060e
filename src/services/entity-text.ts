/** An entity's text in one content language, from the columns its row stores per language. */
import type { ContentLanguage } from './languages.ts';

export interface EntityNameColumns {
  nameEn: string;
  nameUz: string;
  nameJa: string;
}

/** The name in `lang` (uz in Latin: the caller puts it through the edition's script). */
export function selectEntityName(entity: EntityNameColumns, lang: ContentLanguage): string {
  return lang === 'uz' ? entity.nameUz : lang === 'ja' ? entity.nameJa : entity.nameEn;
}

export interface EntityDescriptionColumns {
  descriptionEn: string | null;
  descriptionUz: string | null;
  descriptionJa: string | null;
}

/**
 * The description in `lang` (uz in Latin: the caller puts it through the edition's script),
 * or null when the row has none (a database not reseeded since migration 0009): the page then
 * simply shows no description, never another language's.
 */
export function selectEntityDescription(entity: EntityDescriptionColumns, lang: ContentLanguage): string | null {
  const text = lang === 'uz' ? entity.descriptionUz : lang === 'ja' ? entity.descriptionJa : entity.descriptionEn;
  return text === null || text === '' ? null : text;
}
