/**
 * Bindings the Worker uses when they are configured but does not require. `wrangler types`
 * only knows what wrangler.toml declares, and the Workers AI binding is left out of it on
 * purpose (it needs a Cloudflare account even in `wrangler dev`); see README, "Machine drafts".
 * PUBLIC_ORIGIN and WEBSUB_HUB are production settings (`[vars]` of the deployed config,
 * README "Deploying"); local development runs without them. `INGEST_ALLOW_PRIVATE_HOSTS` is for
 * local development only (`.dev.vars`): production leaves it unset, so ingestion never fetches
 * from a private or loopback address.
 */
interface Env {
  AI?: Ai;
  /** The site's origin, e.g. https://silkdigest.example: every absolute URL and cache key uses it. */
  PUBLIC_ORIGIN?: string;
  /** A WebSub hub the feeds declare and a rebuild that changes them pings. */
  WEBSUB_HUB?: string;
  INGEST_ALLOW_PRIVATE_HOSTS?: string;
}

/**
 * The editors' desk (src/desk/, README "The editors' desk"): Cloudflare Access when both
 * ACCESS_* vars are set, else the login form; DESK_SESSION_SECRET signs sessions and form
 * tokens in both cases, and without it the desk stays closed. Optional here because a site
 * without a desk is a valid deployment; `wrangler secret put` / `[vars]` set them.
 */
interface Env {
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  DESK_SESSION_SECRET?: string;
}
