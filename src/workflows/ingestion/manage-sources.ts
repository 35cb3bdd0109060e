/**
 * Changing the sources registry: the one set of functions behind both the admin API
 * (routes/admin-sources.ts) and the desk's sources page (desk/routes/sources.tsx), so a rule
 * added here (the private-address check) holds for both. Input is already shaped by
 * `sourceEntryShape`; these add what a shape cannot know (where the URL points, what is taken).
 */
import type { Database } from '../../db/client.ts';
import { insertSource, updateSource, type Source, type SourceInput } from '../../db/sources.ts';
import { invalidFields } from '../../services/domain-error.ts';
import { allowsPrivateHosts, type IngestEnv } from './run-ingestion.ts';
import { checkFetchUrl } from './url-guard.ts';

type PrivateHostsEnv = Pick<IngestEnv, 'INGEST_ALLOW_PRIVATE_HOSTS'>;

/** A feed URL in a private network is refused at registration too (unless allowed for development). */
function checkFeedUrl(env: PrivateHostsEnv, url: string | undefined): void {
  if (url === undefined) return;
  try {
    checkFetchUrl(url, allowsPrivateHosts(env));
  } catch (error) {
    throw invalidFields({ feedUrl: (error as Error).message });
  }
}

/** Adds a source. Throws invalid_fields (feed URL) or `SourceExistsError` (its feed URL is registered). */
export async function registerSource(db: Database, env: PrivateHostsEnv, input: SourceInput): Promise<Source> {
  checkFeedUrl(env, input.feedUrl);
  return insertSource(db, input, new Date().toISOString());
}

/** Changes some fields; re-enabling forgets the failures. Null: no such source. */
export async function editSource(
  db: Database,
  env: PrivateHostsEnv,
  id: number,
  patch: Partial<SourceInput>,
): Promise<Source | null> {
  checkFeedUrl(env, patch.feedUrl);
  return updateSource(db, id, patch, new Date().toISOString());
}

/** "Deleting" a source disables it: its items and its documents' provenance keep pointing at it. */
export function disableSource(db: Database, id: number): Promise<Source | null> {
  return updateSource(db, id, { enabled: false }, new Date().toISOString());
}
