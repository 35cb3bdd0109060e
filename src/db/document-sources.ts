/**
 * The other sources of a report (`document_sources`): outlets that published the same story,
 * linked to the document the first one made (workflows/editorial/merge-near-duplicates.ts).
 */
import type { Database } from './client.ts';

/** Records another source of the same report on an existing document. */
export async function linkSource(
  db: Database,
  id: number,
  source: { sourceName: string; sourceUrl: string; publishedOn: string },
  at: string,
): Promise<void> {
  await db.$client
    .prepare(
      `INSERT INTO document_sources (document_id, source_name, source_url, published_on, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (source_url) DO NOTHING`,
    )
    .bind(id, source.sourceName, source.sourceUrl, source.publishedOn, at)
    .run();
}
