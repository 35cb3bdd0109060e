/**
 * Bindings the Worker uses when they are configured but does not require. `wrangler types`
 * only knows what wrangler.toml declares, and the Workers AI binding is left out of it on
 * purpose (it needs a Cloudflare account even in `wrangler dev`); see README, "Machine drafts".
 */
interface Env {
  AI?: Ai;
}
