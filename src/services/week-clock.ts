/** Which ISO week "just ended" at a given instant, with weeks starting Monday 00:00 in a time zone. */
import { getIsoWeek, getWeekRange } from './iso-week.ts';

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at an instant in an IANA time zone. */
function getLocalDate(instant: number, timeZone: string): string {
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

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clock of `timeZone` is ahead of UTC at an instant, in milliseconds. */
function getZoneOffset(instant: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a wall-clock time (YYYY-MM-DD, hour) in `timeZone`; correct across DST changes. */
function getZonedInstant(date: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Two passes: the offset at the first guess can differ from the offset at the answer near a DST change.
  const guess = wall - getZoneOffset(wall, timeZone);
  return wall - getZoneOffset(guess, timeZone);
}

/** The hour of the Monday on which a week's summary is due (the cron's `0 6 * * 1`). */
const SUMMARY_DUE_HOUR = 6;

/** When a week's summary is due: 06:00 in `timeZone` on the Monday after the week closed. */
export function getSummaryDueTime(week: string, timeZone: string): number {
  const range = getWeekRange(week);
  if (!range) throw new RangeError(`not an ISO week: ${week}`);
  const nextMonday = new Date(Date.parse(`${range.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return getZonedInstant(nextMonday, SUMMARY_DUE_HOUR, timeZone);
}

/**
 * A summary's publication time, fixed by its first build: when it was due, or the build's own
 * time if that is later and the week is the one that has just ended (the cron ran late, or a
 * site was seeded mid-week). An older week filled in by a backfill is dated when it was due,
 * so readers never see 2022's news as new. Pure: the same week, build time and zone give the
 * same instant, so the inline path, the queue and the seed all agree.
 */
export function getPublicationTime(week: string, builtAt: string, timeZone: string): string {
  const due = getSummaryDueTime(week, timeZone);
  const built = Date.parse(builtAt);
  const current = getPreviousIsoWeek(built, timeZone) === week;
  return new Date(current && built > due ? built : due).toISOString();
}
