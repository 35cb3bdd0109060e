import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Runs before each test file: the real migrations, applied to the test's local D1.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
