/**
 * WebSub publishing: after a rebuild changed the summaries, the hub is told which feeds changed
 * so it can push them to subscribers instead of their polling. The publish request is the
 * PubSubHubbub convention every public hub accepts (WebSub itself leaves it to the hub):
 * a form POST of `hub.mode=publish` and `hub.url=<feed>`, one per feed.
 */
import { EDITIONS } from './languages.ts';
import { parsePublicOrigin } from './public-origin.ts';

const FEED_FILES = ['feed.xml', 'feed.atom', 'feed.json'] as const;

/** The feeds of the given editions under the public origin, in a fixed order. */
function listFeedUrls(origin: string, langs: readonly string[] = EDITIONS): string[] {
  return langs.flatMap((lang) => FEED_FILES.map((file) => `${origin}/${lang}/${file}`));
}

export type Send = (input: string, init: RequestInit) => Promise<Response>;

/** The Worker's own fetch (wrapped: called unbound, the global would throw "Illegal invocation"). */
export const sendWithFetch: Send = (input, init) => fetch(input, init);

/**
 * Pings the hub once per feed, concurrently. Never throws: a hub that is down must not fail a
 * rebuild whose summaries are already written (subscribers still poll). Returns the feeds the
 * hub did not accept, for the log.
 */
async function pingHub(hub: string, feeds: readonly string[], send: Send): Promise<string[]> {
  const results = await Promise.all(
    feeds.map(async (feed) => {
      try {
        const response = await send(hub, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString(),
        });
        await response.body?.cancel();
        return response.ok ? null : `${feed}: ${response.status}`;
      } catch (error) {
        return `${feed}: ${String(error)}`;
      }
    }),
  );
  const failed = results.filter((result) => result !== null);
  if (failed.length > 0) console.warn(JSON.stringify({ message: 'WebSub hub refused pings', hub, failed }));
  return failed;
}

/**
 * Tells the WebSub hub (when one is configured) that the feeds of `langs` changed. Feed URLs
 * are absolute, so a hub also needs PUBLIC_ORIGIN: a cron run has no request to take an
 * origin from. Callers call it only after a write that changed rows.
 */
export async function publishFeedChanges(
  config: { PUBLIC_ORIGIN?: string | undefined; WEBSUB_HUB?: string | undefined },
  langs: readonly string[],
  send: Send,
): Promise<void> {
  if (!config.WEBSUB_HUB) return;
  const origin = parsePublicOrigin(config.PUBLIC_ORIGIN);
  if (origin === undefined) {
    console.warn(JSON.stringify({ message: 'WEBSUB_HUB is set but PUBLIC_ORIGIN is not: hub not pinged' }));
    return;
  }
  await pingHub(config.WEBSUB_HUB, listFeedUrls(origin, langs), send);
}
