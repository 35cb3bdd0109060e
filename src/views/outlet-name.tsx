import { getScript, type Edition } from '../services/languages.ts';
import { nameOutlet } from '../services/outlets.ts';

/** An outlet's name as the page's edition writes it (see `nameOutlet`). */
export function OutletName({ lang, name }: { lang: Edition; name: string }) {
  const outlet = nameOutlet(name, lang);
  const text = outlet.transliterate ? getScript(lang)(outlet.text) : outlet.text;
  return outlet.lang === undefined ? <>{text}</> : <span lang={outlet.lang}>{text}</span>;
}

/** A translated sentence with an outlet's name in it, keeping the name's own markup. */
export function WithOutlet({ lang, sentence, name }: { lang: Edition; sentence: string; name: string }) {
  const [before, after] = sentence.split('\u0000');
  return (
    <>
      {before}
      <OutletName lang={lang} name={name} />
      {after}
    </>
  );
}
