/** ISO 8601 weeks (Monday first, week 1 holds the year's first Thursday), on calendar dates. */

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

function parseDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (value.toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return value;
}

function formatDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function getIsoWeek(date: string): string {
  const day = parseDate(date);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week, or null when the week does not exist (2025-W53, 2025-W00). */
export function getWeekRange(week: string): { start: string; end: string } | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number < 1 || number > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS);
  const start = formatDate(monday);
  if (getIsoWeek(start) !== week) return null;
  return { start, end: formatDate(new Date(monday.getTime() + 6 * DAY_MS)) };
}

export function isIsoWeek(value: string): boolean {
  return getWeekRange(value) !== null;
}
