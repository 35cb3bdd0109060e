/**
 * Bindings the Worker uses when they are configured but does not require. `wrangler types`
 * only knows what wrangler.toml declares, and the Workers AI binding is left out of it on
 * purpose (it needs a Cloudflare account even in `wrangler dev`); see README, "Machine drafts".
 * CF_VERSION_METADATA is declared under `[version_metadata]` in production configs.
 */
interface Env {
  AI?: Ai;
  /** The deployed version; part of the edge cache key so a deploy never serves old pages. */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
}
