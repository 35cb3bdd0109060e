/**
 * npm run locales: writes locales/generated/uz-Cyrl.json from locales/uz.json and the
 * overrides in locales/uz-Cyrl.json. tests/locales.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import uz from '../locales/uz.json' with { type: 'json' };
import overrides from '../locales/uz-Cyrl.json' with { type: 'json' };
import { buildCyrillicResource } from './locale-resources.ts';

const target = 'locales/generated/uz-Cyrl.json';
writeFileSync(target, `${JSON.stringify(buildCyrillicResource(uz, overrides), null, 2)}\n`);
console.log(`locales: wrote ${target}`);
