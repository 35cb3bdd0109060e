/** Which ISO week "just ended" at a given instant, with weeks starting Monday 00:00 in a time zone. */
import { getIsoWeek } from './iso-week.ts';

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at an instant in an IANA time zone. */
export function getLocalDate(instant: number, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD; throws a RangeError for an unknown zone, which the caller reports.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

export function getPreviousIsoWeek(instant: number, timeZone: string): string {
  const today = getLocalDate(instant, timeZone);
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  return getIsoWeek(weekAgo);
}
