/**
 * The Uzbek Cyrillic interface strings, made from the Uzbek Latin locale by the transliterator
 * plus a small override file. Run at build time (`npm run locales`), not at start-up: the
 * isolate's global scope should do no work beyond building the app and its i18next instance,
 * and transliterating every string cost tens of milliseconds of cold start.
 */
import { transliterateUzLatnToCyrl } from '../src/services/transliterate.ts';

export type Resource = { [key: string]: string | Resource };

/** Transliterates every string of a resource tree, leaving {{placeholders}} as they are. */
export function transliterateResource(resource: Resource): Resource {
  return Object.fromEntries(
    Object.entries(resource).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value
            .split(/(\{\{[^}]+\}\})/)
            .map((part) => (part.startsWith('{{') ? part : transliterateUzLatnToCyrl(part)))
            .join('')
        : transliterateResource(value),
    ]),
  );
}

export function mergeResource(base: Resource, overrides: Resource): Resource {
  const merged: Resource = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = typeof value === 'object' && typeof current === 'object' ? mergeResource(current, value) : value;
  }
  return merged;
}

export function buildCyrillicResource(latin: Resource, overrides: Resource): Resource {
  return mergeResource(transliterateResource(latin), overrides);
}
