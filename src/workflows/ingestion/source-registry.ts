/**
 * The versioned default registry, content/sources.json, checked before it is seeded: the same
 * rules as a source registered through the admin API (http(s) feed URL, a known language and
 * rights policy), plus a note saying why the source is there. Pure.
 */
import { z } from 'zod';
import { RIGHTS_POLICIES, SOURCE_LANGUAGES, type SourceInput } from '../../db/sources.ts';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const sourceEntryShape = z
  .object({
    name: z.string().trim().min(1).max(200),
    feedUrl: httpUrl,
    homepage: httpUrl.nullish(),
    language: z.enum(SOURCE_LANGUAGES),
    rights: z.enum(RIGHTS_POLICIES).optional(),
    enabled: z.boolean().optional(),
    alwaysRelevant: z.boolean().optional(),
    note: z.string().trim().max(1000).nullish(),
  })
  .strict();

const registryShape = z.object({
  about: z.string().optional(),
  sources: z.array(sourceEntryShape.extend({ note: z.string().trim().min(1).max(1000) })),
});

/** Throws with every problem, entry by entry, when the file is invalid. */
export function parseSourceRegistry(data: unknown): SourceInput[] {
  const result = registryShape.safeParse(data);
  if (!result.success) {
    throw new Error(
      `content/sources.json: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const seen = new Set<string>();
  for (const source of result.data.sources) {
    if (seen.has(source.feedUrl)) throw new Error(`content/sources.json: ${source.feedUrl} is listed twice`);
    seen.add(source.feedUrl);
  }
  return result.data.sources;
}
