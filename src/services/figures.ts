/**
 * Key figures: money amounts quoted in a week's text ("$12 billion", "$12bn", "USD 3.5 mln"),
 * parsed to a value and shown each locale's way (120億ドル, 12 mlrd dollar).
 */

export interface Amount {
  /** In US dollars. */
  value: number;
  /** As quoted in the source text. */
  quoted: string;
}

const SCALES: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  trln: 1e12,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  mlrd: 1e9,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
};

const AMOUNT =
  /(?:\$|US\$|USD\s?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(trillion|billion|million|thousand|trln|mlrd|mln|bn|tn|mn|b|m|k)\b)?/gi;

export function findAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const number = Number((match[1] ?? '').replace(/,/g, ''));
    const scale = SCALES[(match[2] ?? '').toLowerCase()] ?? 1;
    if (!Number.isFinite(number) || number <= 0) continue;
    found.push({ value: Math.round(number * scale), quoted: match[0].trim() });
  }
  return found;
}

// Built on first use and kept: a week's summary formats many amounts.
const amountFormatters = new Map<'ja' | 'en', Intl.NumberFormat>();

function trimNumber(value: number, locale: string): string {
  const rounded = Math.round(value * 10) / 10;
  const tag = locale === 'ja' ? 'ja' : 'en';
  let formatter = amountFormatters.get(tag);
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    amountFormatters.set(tag, formatter);
  }
  return formatter.format(rounded).replace('.', locale.startsWith('uz') ? ',' : '.');
}

/** "$12 billion" (en), "120億ドル" (ja), "12 mlrd dollar" (uz), "12 млрд доллар" (uz-Cyrl). */
export function formatAmount(lang: string, value: number): string {
  if (lang === 'ja') {
    if (value >= 1e12) return `${trimNumber(value / 1e12, 'ja')}兆ドル`;
    if (value >= 1e8) return `${trimNumber(value / 1e8, 'ja')}億ドル`;
    if (value >= 1e4) return `${trimNumber(value / 1e4, 'ja')}万ドル`;
    return `${trimNumber(value, 'ja')}ドル`;
  }
  if (lang.startsWith('uz')) {
    const cyrillic = lang === 'uz-Cyrl';
    const units = cyrillic ? ['трлн', 'млрд', 'млн', 'доллар'] : ['trln', 'mlrd', 'mln', 'dollar'];
    if (value >= 1e12) return `${trimNumber(value / 1e12, 'uz')} ${units[0]} ${units[3]}`;
    if (value >= 1e9) return `${trimNumber(value / 1e9, 'uz')} ${units[1]} ${units[3]}`;
    if (value >= 1e6) return `${trimNumber(value / 1e6, 'uz')} ${units[2]} ${units[3]}`;
    return `${trimNumber(value, 'uz')} ${units[3]}`;
  }
  if (value >= 1e12) return `$${trimNumber(value / 1e12, 'en')} trillion`;
  if (value >= 1e9) return `$${trimNumber(value / 1e9, 'en')} billion`;
  if (value >= 1e6) return `$${trimNumber(value / 1e6, 'en')} million`;
  return `$${trimNumber(value, 'en')}`;
}
