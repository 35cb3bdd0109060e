/**
 * npm start, step one: local secrets for `wrangler dev`. Copies .dev.vars.example to .dev.vars
 * when there is none, and never overwrites an existing one (it may hold a real token).
 */
import { constants, copyFileSync } from 'node:fs';

try {
  copyFileSync('.dev.vars.example', '.dev.vars', constants.COPYFILE_EXCL);
  console.log('ensure-dev-vars: created .dev.vars from .dev.vars.example (change ADMIN_TOKEN)');
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
}
