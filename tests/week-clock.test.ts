import { describe, expect, it } from 'vitest';
import { getPublicationTime, getSummaryDueTime } from '../src/services/week-clock.ts';

const iso = (instant: number): string => new Date(instant).toISOString();

describe('when a weekly summary is due', () => {
  it('is the Monday 06:00 after the week, in the digest time zone', () => {
    expect(iso(getSummaryDueTime('2025-W51', 'UTC'))).toBe('2025-12-22T06:00:00.000Z');
    // Tashkent is UTC+5 all year: 06:00 there is 01:00 UTC.
    expect(iso(getSummaryDueTime('2025-W51', 'Asia/Tashkent'))).toBe('2025-12-22T01:00:00.000Z');
    // Week 2020-W53 ends on 2021-01-03; the summary is due in the next year.
    expect(iso(getSummaryDueTime('2020-W53', 'UTC'))).toBe('2021-01-04T06:00:00.000Z');
  });

  it('follows daylight saving time', () => {
    // New York: EST (UTC-5) in January, EDT (UTC-4) from 2025-03-09.
    expect(iso(getSummaryDueTime('2025-W02', 'America/New_York'))).toBe('2025-01-13T11:00:00.000Z');
    expect(iso(getSummaryDueTime('2025-W10', 'America/New_York'))).toBe('2025-03-10T10:00:00.000Z');
  });

  it('rejects what is not an ISO week', () => {
    expect(() => getSummaryDueTime('2025-W53', 'UTC')).toThrow(RangeError);
  });
});

describe('a summary’s publication time', () => {
  it('is the build time only for the week that just ended, and only when the build is late', () => {
    expect(getPublicationTime('2025-W51', '2025-12-24T15:30:00.000Z', 'UTC')).toBe('2025-12-24T15:30:00.000Z');
    expect(getPublicationTime('2025-W51', '2025-12-22T06:00:00.000Z', 'UTC')).toBe('2025-12-22T06:00:00.000Z');
    // Built early (a seed at 03:00 on the Monday): still dated when it was due.
    expect(getPublicationTime('2025-W51', '2025-12-22T03:00:00.000Z', 'UTC')).toBe('2025-12-22T06:00:00.000Z');
    // A backfill of an old week: when it was due, whenever the backfill ran.
    expect(getPublicationTime('2022-W15', '2026-12-04T17:01:20.000Z', 'UTC')).toBe('2022-04-18T06:00:00.000Z');
  });
});
