import type { Translator } from '../i18n/index.ts';
import { EDITIONS, LANGUAGE_NAMES, LANGUAGE_TAGS, type Edition } from '../services/languages.ts';

/** The language switch: each edition's name in its own language, the current one marked. */
export function EditionLinks({
  t,
  current,
  hrefOf,
}: {
  t: Translator;
  current: Edition;
  hrefOf: (code: Edition) => string;
}) {
  return (
    <nav aria-label={t('nav.languages')} class="langs">
      <ul>
        {EDITIONS.map((code) => (
          <li>
            <a
              href={hrefOf(code)}
              hreflang={LANGUAGE_TAGS[code]}
              lang={LANGUAGE_TAGS[code]}
              aria-current={code === current ? 'page' : undefined}
            >
              {LANGUAGE_NAMES[code]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
