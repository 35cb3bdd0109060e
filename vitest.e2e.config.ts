import { defineConfig } from 'vitest/config';

// The browser and validator suite (npm run test:e2e): plain Node, not the workers pool of
// vitest.config.ts, because it drives a real `wrangler dev`, Chromium and the Nu Html Checker.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    // The three files (browser paths, axe, vnu) mostly wait on the server and the browser: overlap them.
    maxWorkers: 3,
    globalSetup: ['./e2e/server.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll() gives up after 1 s by default; a loaded CI machine once took longer to
    // settle a page after a navigation (the Japanese search results): wait as a user would.
    expect: { poll: { timeout: 15_000 } },
  },
});
