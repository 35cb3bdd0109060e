/**
 * Writes the API's OpenAPI 3.1 document (the one /api/v1/openapi.json serves) to a file, so
 * Spectral can lint it in `npm test` without a running server: `node scripts/openapi-document.ts out.json`.
 */
import { writeFileSync } from 'node:fs';
import { api } from '../src/routes/api.ts';
import { describeApi } from '../src/routes/api-schemas.ts';

const out = process.argv[2] ?? 'openapi.json';
writeFileSync(out, `${JSON.stringify(api.getOpenAPI31Document(describeApi('https://silkdigest.example')), null, 2)}\n`);
