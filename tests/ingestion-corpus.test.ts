/**
 * The proof that ingestion and the seed agree: the five corpus captures, served by a fake
 * upstream as the article pages of three differently built news sites (menus, cookie
 * banners, share buttons, related links, comments, footers) with their RSS feeds, polled into an
 * empty database, come out as the same cleaned paragraphs the seed stores, in the same ISO
 * weeks, linked to the entities the seed links with the seed's mention counts; the cron's
 * English weekly summaries then agree with today's in everything the machine decides, and
 * byte for byte once the desk has set what editors decide (topics, a desk-written headline).
 * Then a new item appears: one poll adds exactly one document, the next costs a 304.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { getSource, insertSource, type Source } from '../src/db/sources.ts';
import { assembleCorpus, type CorpusDocument } from '../src/services/corpus.ts';
import { correctDocument } from '../src/workflows/editorial/correct.ts';
import { pollSource } from '../src/workflows/ingestion/poll-source.ts';
import { runWeeklyRebuild } from '../src/workflows/summaries/weekly-run.ts';
import type { WeeklySummaryContent } from '../src/services/weekly-summary.ts';
import { buildCorpusInput, manifestEntries, raws, seedTestCorpus } from './helpers/corpus.ts';
import { createUpstream, type Route } from './helpers/fake-upstream.ts';
import { buildCaptures, buildSite, captureUrl, createFreshCapture } from './helpers/news-sites.ts';

const db = createDb(env.DB);
/** A Monday after every corpus week: the cron's run that builds (and backfills) them all. */
const CRON_AT = Date.parse('2026-01-05T06:00:00Z');

/**
 * The English weekly summaries as the cron builds them, without what names the outlet (the
 * registry's name and article URLs are the fixture's, the seed's slugs are editorial).
 */
async function readEnglishSummaries(): Promise<Record<string, unknown>> {
  await runWeeklyRebuild(db, { scheduledTime: CRON_AT, cron: '0 6 * * 1', timeZone: 'UTC' });
  const { results } = await env.DB.prepare(
    `SELECT week, title, summary_text, content FROM weekly_summaries WHERE lang = 'en' ORDER BY week`,
  ).all<{ week: string; title: string; summary_text: string; content: string }>();
  return Object.fromEntries(
    results.map((row) => {
      const content = JSON.parse(row.content) as WeeklySummaryContent;
      const stories = content.stories.map(({ sources, ...story }) => ({
        ...story,
        slug: 'the seed’s slugs are editorial',
        sources: sources.map((source) => ({ headline: source.headline, publishedOn: source.publishedOn })),
      }));
      return [row.week, { ...content, summaryText: row.summary_text, stories }];
    }),
  );
}

/** Empties the corpus tables so the polls start from nothing, as a new site does. */
async function emptyDatabase(): Promise<void> {
  await env.DB.batch(
    ['revisions', 'weekly_summaries', 'cron_runs', 'documents'].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
  );
}

describe('ingestion reproduces the seed', () => {
  it('polls the five captures into the paragraphs and weeks the seed stores, then one new item, then a 304', async () => {
    const corpus: CorpusDocument[] = await assembleCorpus(buildCorpusInput());
    await seedTestCorpus(env.DB);
    const seededSummaries = await readEnglishSummaries();
    expect(Object.keys(seededSummaries)).toHaveLength(4);
    await emptyDatabase();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM documents').first('n')).toBe(0);
    const origins = ['https://caspian.example', 'https://wire.example', 'https://herald.example'];
    const headlineOf = (entry: { file: string }) => {
      const url = manifestEntries.find((candidate) => candidate.file === entry.file)?.url;
      const headline = corpus.find((doc) => doc.sourceUrl === url)?.texts.en?.headline;
      if (!headline) throw new Error(`no seeded document for ${entry.file}`);
      return headline;
    };
    const bySite = buildCaptures(manifestEntries, raws, headlineOf, origins);
    const routes: Record<string, Route> = {};
    const sources: Source[] = [];
    for (const [origin, captures] of bySite) {
      Object.assign(routes, buildSite(origin, captures));
      sources.push(
        await insertSource(
          db,
          { name: origin, feedUrl: `${origin}/rss`, language: 'en', rights: 'full' },
          new Date().toISOString(),
        ),
      );
    }
    const upstream = createUpstream(routes);

    const accepted: { documentId: number; url: string }[] = [];
    for (const source of sources) {
      const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false }, source);
      expect(report.skipped).toEqual([]);
      accepted.push(...report.accepted);
    }
    expect(accepted).toHaveLength(manifestEntries.length);

    for (const [index, entry] of manifestEntries.entries()) {
      const seeded = corpus.find((candidate) => candidate.sourceUrl === entry.url)!;
      const url = captureUrl(origins, index);
      const row = await env.DB.prepare(
        `SELECT d.iso_week, d.published_on, t.headline, t.body FROM documents d
         JOIN translations t ON t.document_id = d.id AND t.lang = 'en' WHERE d.source_url = ?1`,
      )
        .bind(url)
        .first<{ iso_week: string; published_on: string; headline: string; body: string }>();
      expect(row, entry.file).not.toBeNull();
      expect(row?.iso_week, entry.file).toBe(seeded.isoWeek);
      expect(row?.headline, entry.file).toBe(seeded.texts.en?.headline);
      expect(JSON.parse(row?.body ?? '[]'), entry.file).toEqual(seeded.texts.en?.blocks);
    }

    // Entities as the seed links and counts them: the summary's clusters and salience agree.
    // Two links more than the editors made, both named in the text: the State Minister "of
    // Economy, Trade, and Industry" (METI) and the "Minister of Investment and Foreign Trade".
    const extraLinks: Record<string, { slug: string; mentions: number }[]> = {
      '003_2be428ef91de6d60.txt': [{ slug: 'meti', mentions: 1 }],
      '004_6017495ba7d66406.txt': [{ slug: 'uzbekistan-ministry-of-investment', mentions: 1 }],
    };
    for (const [index, entry] of manifestEntries.entries()) {
      const seeded = corpus.find((candidate) => candidate.sourceUrl === entry.url)!;
      const { results } = await env.DB.prepare(
        `SELECT e.slug, de.mentions FROM document_entities de JOIN entities e ON e.id = de.entity_id
         JOIN documents d ON d.id = de.document_id WHERE d.source_url = ?1 ORDER BY e.slug`,
      )
        .bind(captureUrl(origins, index))
        .all<{ slug: string; mentions: number }>();
      const expected = [...seeded.entities, ...(extraLinks[entry.file] ?? [])];
      expect(results, entry.file).toEqual(expected.sort((a, b) => a.slug.localeCompare(b.slug)));
    }

    // What the machine decides is today's: clusters, their sentences, sources and figures.
    const machine = await readEnglishSummaries();
    const extractive = (summaries: Record<string, unknown>) =>
      Object.values(summaries).map((summary) => {
        const { stories, figures, documentCount, sourceCount } = summary as WeeklySummaryContent;
        return { figures, documentCount, sourceCount, stories: stories.map((s) => [s.sentences, s.sources]) };
      });
    expect(extractive(machine)).toEqual(extractive(seededSummaries));

    // What editors decide (topics; a headline written at the desk, which yields the story's
    // lead to a source's own) the desk sets, as it does for any ingested report. Then the
    // cron's English weekly summaries are today's, byte for byte.
    for (const [index, entry] of manifestEntries.entries()) {
      const seeded = corpus.find((candidate) => candidate.sourceUrl === entry.url)!;
      const id = accepted.find((item) => item.url === captureUrl(origins, index))?.documentId;
      const revision = await env.DB.prepare('SELECT revision FROM documents WHERE id = ?1')
        .bind(id)
        .first<number>('revision');
      await correctDocument(
        db,
        id ?? 0,
        {
          revision: revision ?? 0,
          topics: seeded.topics,
          headline: seeded.headlineIsEditorial ? seeded.texts.en?.headline : undefined,
        },
        { author: 'editor', at: new Date().toISOString() },
      );
    }
    expect(await readEnglishSummaries()).toEqual(seededSummaries);

    // A new item on the first site: one poll adds exactly one document; the next is a 304.
    const site = origins[0] ?? '';
    const captures = bySite.get(site) ?? [];
    const fresh = createFreshCapture(site);
    Object.assign(upstream.routes, buildSite(site, [...captures, fresh]));
    const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>())?.n;
    const before = await count();
    const source = (await getSource(db, sources[0]?.id ?? 0))!;
    const next = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false }, source);
    expect(next.accepted.map((item) => item.url)).toEqual([fresh.url]);
    expect(await count()).toBe((before ?? 0) + 1);
    const again = await pollSource(
      { db, fetch: upstream.fetch, allowPrivate: false },
      (await getSource(db, source.id))!,
    );
    expect(again).toMatchObject({ status: 'not_modified', httpStatus: 304, accepted: [] });
  });
});
