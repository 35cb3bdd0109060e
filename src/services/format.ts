/**
 * Locale-aware formatting through Intl. Formatters are costly to build, so each locale's
 * set is built on first use and kept for the life of the isolate.
 *
 * Dates follow each edition's press (below); numbers and lists use Intl where workerd's ICU
 * has the locale, and CLDR's data carried here where it does not (it has no Uzbek: Intl
 * renders "2025 M12 20" and joins lists with "and").
 */

interface DateFormatter {
  format(date: Date): string;
}

export interface Formatters {
  /** 20 December 2025 / 2025-yil 20-dekabr / 2025 йил 20 декабрь / 2025年12月20日 */
  date: DateFormatter;
  /**
   * The days of a week, without the year where the week's label already has it:
   * 15–21 December 2025 / 15–21-dekabr / 15–21 декабрь / 12月15日〜21日.
   */
  weekDates: { format(start: Date, end: Date): string };
  /** "energy and education" / "energetika va taʼlim" / "エネルギーと教育" */
  list: { format(items: readonly string[]): string };
}

/**
 * Dates as each edition's press writes them, not as CLDR's default pattern has it: British
 * English (the copy is British: "summarised"), Uzbek Latin news style ("2025-yil 20-dekabr",
 * "15–21-dekabr"), Uzbek Cyrillic news style ("2025 йил 19 декабрь", the month with its ь,
 * as the bare month is written) and Japanese ("2025年12月20日", ranges with 〜). Deterministic
 * and the same in every runtime; workerd's ICU has no Uzbek data at all.
 */
interface DateStyle {
  months: readonly string[];
  /** One date; m is the month's name, n its number. */
  date(y: number, m: string, d: number, n: number): string;
  sameMonth(y: number, m: string, d1: number, d2: number, n: number): string;
  /** Two months of one year; no year where the label carries it. */
  sameYear(y: number, m1: string, d1: number, m2: string, d2: number, n1: number, n2: number): string;
  /** Between the two full dates of a range that crosses a year. */
  dash: string;
}

const DATE_STYLES: Readonly<Record<string, DateStyle>> = {
  en: {
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    date: (y, m, d) => `${d} ${m} ${y}`,
    sameMonth: (y, m, d1, d2) => `${d1}–${d2} ${m} ${y}`,
    sameYear: (y, m1, d1, m2, d2) => `${d1} ${m1} – ${d2} ${m2} ${y}`,
    dash: ' – ',
  },
  'uz-Latn': {
    months: [
      'yanvar',
      'fevral',
      'mart',
      'aprel',
      'may',
      'iyun',
      'iyul',
      'avgust',
      'sentabr',
      'oktabr',
      'noyabr',
      'dekabr',
    ],
    date: (y, m, d) => `${y}-yil ${d}-${m}`,
    sameMonth: (_y, m, d1, d2) => `${d1}–${d2}-${m}`,
    sameYear: (_y, m1, d1, m2, d2) => `${d1}-${m1} – ${d2}-${m2}`,
    dash: ' – ',
  },
  'uz-Cyrl': {
    months: [
      'январь',
      'февраль',
      'март',
      'апрель',
      'май',
      'июнь',
      'июль',
      'август',
      'сентябрь',
      'октябрь',
      'ноябрь',
      'декабрь',
    ],
    date: (y, m, d) => `${y} йил ${d} ${m}`,
    sameMonth: (_y, m, d1, d2) => `${d1}–${d2} ${m}`,
    sameYear: (_y, m1, d1, m2, d2) => `${d1} ${m1} – ${d2} ${m2}`,
    dash: ' – ',
  },
  ja: {
    months: [],
    date: (y, _m, d, n) => `${y}年${n}月${d}日`,
    sameMonth: (_y, _m, d1, d2, n) => `${n}月${d1}日〜${d2}日`,
    sameYear: (_y, _m1, d1, _m2, d2, n1, n2) => `${n1}月${d1}日〜${n2}月${d2}日`,
    dash: '〜',
  },
};

function buildDateFormatters(style: DateStyle): Pick<Formatters, 'date' | 'weekDates'> {
  const name = (date: Date): string => style.months[date.getUTCMonth()] ?? '';
  const format = (date: Date): string =>
    style.date(date.getUTCFullYear(), name(date), date.getUTCDate(), date.getUTCMonth() + 1);
  return {
    date: { format },
    weekDates: {
      format: (start, end) => {
        const [y1, y2] = [start.getUTCFullYear(), end.getUTCFullYear()];
        const [n1, n2] = [start.getUTCMonth() + 1, end.getUTCMonth() + 1];
        if (y1 !== y2) return `${format(start)}${style.dash}${format(end)}`;
        if (n1 === n2) return style.sameMonth(y1, name(start), start.getUTCDate(), end.getUTCDate(), n1);
        return style.sameYear(y1, name(start), start.getUTCDate(), name(end), end.getUTCDate(), n1, n2);
      },
    },
  };
}

/** CLDR 46 list data for the locales workerd's ICU lacks. */
const CLDR_FALLBACK: Record<string, { and: string }> = {
  'uz-Latn': { and: 'va' },
  'uz-Cyrl': { and: 'ва' },
};

function buildFormatters(tag: string): Formatters {
  const dates = buildDateFormatters(DATE_STYLES[tag] ?? (DATE_STYLES['en'] as DateStyle));
  const fallback = CLDR_FALLBACK[tag];
  // supportedLocalesOf() claims support through root-locale fallback, so probe the data itself:
  // with Uzbek data, Intl would join a list with the locale's own word for "and".
  const runtimeKnowsLists =
    fallback !== undefined &&
    new Intl.ListFormat(tag, { type: 'conjunction' }).format(['a', 'b']) === `a ${fallback.and} b`;
  if (fallback && !runtimeKnowsLists) {
    return {
      ...dates,
      list: {
        format: (items) =>
          items.length <= 1
            ? (items[0] ?? '')
            : `${items.slice(0, -1).join(', ')} ${fallback.and} ${items.at(-1) ?? ''}`,
      },
    };
  }
  // British English: the site's English copy is British.
  const intlTag = tag === 'en' ? 'en-GB' : tag;
  return {
    ...dates,
    list: new Intl.ListFormat(intlTag, { style: 'long', type: 'conjunction' }),
  };
}

const cache = new Map<string, Formatters>();

export function getFormatters(tag: string): Formatters {
  let formatters = cache.get(tag);
  if (!formatters) {
    formatters = buildFormatters(tag);
    cache.set(tag, formatters);
  }
  return formatters;
}

/** A calendar date (YYYY-MM-DD) as a UTC instant, so formatting never shifts the day. */
export function parseCalendarDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function formatDate(tag: string, date: string): string {
  return getFormatters(tag).date.format(parseCalendarDate(date));
}

/** The days of a week, in the edition's style (see `Formatters.weekDates`). */
export function formatWeekDates(tag: string, start: string, end: string): string {
  return getFormatters(tag).weekDates.format(parseCalendarDate(start), parseCalendarDate(end));
}
