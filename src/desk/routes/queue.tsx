import { Hono } from 'hono';
import { readDeskQueue } from '../../db/desk.ts';
import type { DeskEnv } from '../desk-env.ts';
import { QueueView } from '../views/queue-view.tsx';
import { deskPageOf } from '../views/desk-page.ts';

export const queueRoutes = new Hono<DeskEnv>();

queueRoutes.get('/desk/', async (c) => {
  const queue = await readDeskQueue(c.get('db'));
  return c.html(<QueueView page={deskPageOf(c, '/desk/')} queue={queue} />);
});
