/**
 * Locale-aware formatting through Intl. Formatters are costly to build, so each locale's
 * set is built on first use and kept for the life of the isolate.
 *
 * workerd ships ICU without Uzbek data (Intl renders "2025 M12 20"), so for locales the
 * runtime does not support the CLDR patterns are applied here from CLDR's own data.
 */

export interface DateFormatter {
  format(date: Date): string;
}

export interface Formatters {
  /** 20 December 2025 / 20-dekabr, 2025 / 2025年12月20日 */
  date: DateFormatter;
  /** Day and month, for week ranges. */
  dayMonth: DateFormatter;
  number: { format(value: number): string };
  /** "energy and education" / "energetika va taʼlim" / "エネルギーと教育" */
  list: { format(items: readonly string[]): string };
}

/** CLDR 46 data for the locales workerd's ICU lacks. */
const CLDR_FALLBACK: Record<
  string,
  { months: string[]; long: string; dayMonth: string; group: string; decimal: string; and: string }
> = {
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
    long: '{d}-{MMMM}, {y}',
    dayMonth: '{d}-{MMMM}',
    group: '\u00a0',
    decimal: ',',
    and: 'va',
  },
  'uz-Cyrl': {
    months: ['январ', 'феврал', 'март', 'апрел', 'май', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'],
    long: '{d} {MMMM}, {y}',
    dayMonth: '{d} {MMMM}',
    group: '\u00a0',
    decimal: ',',
    and: 'ва',
  },
};

function patternFormatter(pattern: string, months: string[]): DateFormatter {
  return {
    format: (date) =>
      pattern
        .replace('{d}', String(date.getUTCDate()))
        .replace('{MMMM}', months[date.getUTCMonth()] ?? '')
        .replace('{y}', String(date.getUTCFullYear())),
  };
}

function buildFormatters(tag: string): Formatters {
  const fallback = CLDR_FALLBACK[tag];
  // supportedLocalesOf() claims support through root-locale fallback, so probe the data itself.
  const runtimeKnowsMonths =
    fallback !== undefined &&
    new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2025, 11, 20)) ===
      fallback.months[11];
  if (fallback && !runtimeKnowsMonths) {
    const digits = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 2 });
    return {
      date: patternFormatter(fallback.long, fallback.months),
      dayMonth: patternFormatter(fallback.dayMonth, fallback.months),
      number: {
        format: (value) =>
          digits
            .formatToParts(value)
            .map((part) =>
              part.type === 'group' ? fallback.group : part.type === 'decimal' ? fallback.decimal : part.value,
            )
            .join(''),
      },
      list: {
        format: (items) =>
          items.length <= 1
            ? (items[0] ?? '')
            : `${items.slice(0, -1).join(', ')} ${fallback.and} ${items.at(-1) ?? ''}`,
      },
    };
  }
  return {
    date: new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }),
    dayMonth: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
    number: new Intl.NumberFormat(tag),
    list: new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }),
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

/** "15–21 December 2025": the end date in full, the start as day and month. */
export function formatDateRange(tag: string, start: string, end: string): string {
  const formatters = getFormatters(tag);
  return `${formatters.dayMonth.format(parseCalendarDate(start))} – ${formatters.date.format(parseCalendarDate(end))}`;
}

export function formatNumber(tag: string, value: number): string {
  return getFormatters(tag).number.format(value);
}
