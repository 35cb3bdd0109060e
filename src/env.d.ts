/**
 * Bindings the Worker uses when they are configured but does not require. `wrangler types`
 * only knows what wrangler.toml declares, and the Workers AI binding is left out of it on
 * purpose (it needs a Cloudflare account even in `wrangler dev`); see README, "Machine drafts".
 * `INGEST_ALLOW_PRIVATE_HOSTS` is for local development only (`.dev.vars`): production leaves
 * it unset, so ingestion never fetches from a private or loopback address.
 */
interface Env {
  AI?: Ai;
  INGEST_ALLOW_PRIVATE_HOSTS?: string;
}
