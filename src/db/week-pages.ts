/**
 * Reads of the week page: the summary and its neighbours in the archive, in one batch (one D1
 * round trip). The neighbours are index lookups on (lang, week): the nearest earlier and later
 * week of the same edition that has a summary, so previous/next skip weeks nobody wrote about.
 */
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { weeklySummaries, type WeeklySummaryRow } from './schema.ts';
import { readPageBatch } from './session.ts';

export interface WeekNeighbour {
  week: string;
  title: string;
}

export interface WeekPageData {
  row: WeeklySummaryRow;
  previous: WeekNeighbour | null;
  next: WeekNeighbour | null;
}

const NEIGHBOUR = { week: weeklySummaries.week, title: weeklySummaries.title };

export async function getWeekPage(db: Database, week: string, lang: string): Promise<WeekPageData | undefined> {
  const [rows, earlier, later] = await readPageBatch(db, [
    db
      .select()
      .from(weeklySummaries)
      .where(and(eq(weeklySummaries.week, week), eq(weeklySummaries.lang, lang))),
    db
      .select(NEIGHBOUR)
      .from(weeklySummaries)
      .where(and(eq(weeklySummaries.lang, lang), lt(weeklySummaries.week, week)))
      .orderBy(desc(weeklySummaries.week))
      .limit(1),
    db
      .select(NEIGHBOUR)
      .from(weeklySummaries)
      .where(and(eq(weeklySummaries.lang, lang), gt(weeklySummaries.week, week)))
      .orderBy(asc(weeklySummaries.week))
      .limit(1),
  ]);
  const row = rows[0];
  if (!row) return undefined;
  return { row, previous: earlier[0] ?? null, next: later[0] ?? null };
}
