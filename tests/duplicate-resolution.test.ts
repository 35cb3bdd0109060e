/**
 * An editor answers a possible-duplicate flag, on the desk or through its API twin: different
 * reports (both stay, the flag goes) or the same report (it becomes another source of the one
 * it resembles and leaves the reader pages, restorable). Documents and flags come from the real
 * submission path, which flags a retold report.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { callAdmin } from './helpers/admin-call.ts';
import { desk, formTokenOf, openDesk } from './helpers/desk.ts';
import { get } from './helpers/http.ts';

let session = { cookie: '', token: '' };
beforeAll(async () => {
  session = await openDesk('Dilnoza');
});

/** A story, and the same story retold by another outlet (about 60 % of its word shingles shared). */
function storyPair(place: string, day: string) {
  const story = [
    `Uzbekistan and Japan agreed on ${day} to build a water treatment plant in ${place} that will serve three hundred thousand residents.`,
    `The plant will be designed by Japanese engineers and financed by a concessional loan from Japan, the ministry of water resources said in ${place}.`,
    `Construction is planned to start next year and to be completed within thirty months, according to the agreement signed in ${place}.`,
  ];
  const retold = [
    story[0] ?? '',
    story[1] ?? '',
    `Residents of ${place} should have cleaner tap water in about three years, a local official told reporters after the ceremony on ${day}.`,
  ];
  return { story, retold };
}

async function submit(
  sourceName: string,
  sourceUrl: string,
  headline: string,
  paragraphs: string[],
  publishedOn: string,
) {
  const response = await callAdmin('POST', '/documents', {
    headline,
    paragraphs,
    sourceName,
    sourceUrl,
    publishedOn,
    language: 'en',
  });
  if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
  return response.json<{ id: number; slug: string }>();
}

/** Each pair in its own week, so that no pair's texts are neighbours (within three days) of another's. */
let week = 0;

/** An original and a flagged retelling of it. */
async function flaggedPair(place: string, day: string) {
  week += 1;
  const publishedOn = new Date(Date.UTC(2025, 9, 7 * week)).toISOString().slice(0, 10);
  const { story, retold } = storyPair(place, day);
  const slugPart = place.toLowerCase();
  const original = await submit(
    'First Wire',
    `https://first.example/${slugPart}`,
    `Water plant for ${place}`,
    story,
    publishedOn,
  );
  const copy = await submit(
    'Second Wire',
    `https://second.example/${slugPart}`,
    `${place} to get a water plant`,
    retold,
    publishedOn,
  );
  expect(await flagOf(copy.id), 'the retelling is flagged').toEqual({ similarTo: original.id });
  return { original, copy };
}

function flagOf(id: number) {
  return env.DB.prepare('SELECT similar_to AS similarTo FROM duplicate_flags WHERE document_id = ?1')
    .bind(id)
    .first<{ similarTo: number }>();
}

async function deletedAt(id: number) {
  const row = await env.DB.prepare('SELECT deleted_at AS deletedAt FROM documents WHERE id = ?1')
    .bind(id)
    .first<{ deletedAt: string | null }>();
  return row?.deletedAt ?? null;
}

async function postDecision(id: number, decision: string, token = session.token) {
  return desk(`/desk/documents/${id}/duplicate`, { cookie: session.cookie, form: { _token: token, decision } });
}

describe('answering a possible duplicate on the desk', () => {
  it('offers both answers on the flagged document, and "different reports" keeps both and clears the flag', async () => {
    const { original, copy } = await flaggedPair('Nukus', 'Monday');
    const page = await (await desk(`/desk/documents/${copy.id}`, { cookie: session.cookie })).text();
    expect(page).toContain(`action="/desk/documents/${copy.id}/duplicate"`);
    expect(page).toContain(
      '<button type="submit" name="decision" value="separate">Different reports: keep both</button>',
    );
    expect(page).toContain(
      `<button type="submit" name="decision" value="same">The same report: add it as a source of #${original.id} and unpublish it</button>`,
    );

    const answer = await postDecision(copy.id, 'separate', formTokenOf(page));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe(`/desk/documents/${copy.id}?done=separate`);
    expect(await flagOf(copy.id)).toBeNull();
    expect(await deletedAt(copy.id)).toBeNull();
    expect(await deletedAt(original.id)).toBeNull();
    const after = await (await desk(`/desk/documents/${copy.id}?done=separate`, { cookie: session.cookie })).text();
    expect(after).toContain('Separate: the report is kept as its own document, and the flag is gone.');
    expect(after).not.toContain('name="decision"');
    // A second answer finds nothing to answer.
    expect((await postDecision(copy.id, 'separate')).status).toBe(404);
  });

  it('"the same report" makes it another source of the original, unpublished and restorable', async () => {
    const { original, copy } = await flaggedPair('Termez', 'Tuesday');
    const answer = await postDecision(copy.id, 'same');
    expect(answer.headers.get('Location')).toBe(`/desk/documents/${copy.id}?done=merged`);
    expect(await flagOf(copy.id)).toBeNull();
    expect(await deletedAt(copy.id)).not.toBeNull();
    expect(await deletedAt(original.id)).toBeNull();

    // Readers: the retelling is gone and the original names its outlet as another source.
    expect((await get(`/en/articles/${copy.slug}`)).status).toBe(404);
    const article = await (await get(`/en/articles/${original.slug}`)).text();
    expect(article).toContain('Also reported by');
    expect(article).toContain('href="https://second.example/termez"');

    // The merge is a revision by the editor, and a restore brings the report back.
    const revisions = await (
      await callAdmin('GET', `/documents/${copy.id}/revisions`)
    ).json<{
      revisions: { lang: string; author: string }[];
    }>();
    expect(revisions.revisions.some((revision) => revision.lang === 'meta' && revision.author === 'Dilnoza')).toBe(
      true,
    );
    expect((await callAdmin('POST', `/documents/${copy.id}/restore`)).status).toBe(200);
    expect((await get(`/en/articles/${copy.slug}`)).status).toBe(200);
  });

  it('refuses a cross-site post, a forged token and an unknown decision, changing nothing', async () => {
    const { copy } = await flaggedPair('Navoi', 'Wednesday');
    const crossSite = await desk(`/desk/documents/${copy.id}/duplicate`, {
      cookie: session.cookie,
      origin: 'https://evil.example',
      form: { _token: session.token, decision: 'same' },
    });
    expect(crossSite.status).toBe(403);
    expect((await postDecision(copy.id, 'same', 'forged')).status).toBe(403);
    expect((await postDecision(copy.id, 'both')).status).toBe(400);
    expect(await flagOf(copy.id)).not.toBeNull();
    expect(await deletedAt(copy.id)).toBeNull();
  });
});

describe('POST /api/v1/admin/documents/{id}/duplicate', () => {
  it('merges through the API as the desk does, and answers 404 once nothing is flagged', async () => {
    const { original, copy } = await flaggedPair('Andijan', 'Thursday');
    const response = await callAdmin('POST', `/documents/${copy.id}/duplicate`, { decision: 'same' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: copy.id, decision: 'same', mergedInto: original.id });
    expect(await deletedAt(copy.id)).not.toBeNull();
    const again = await callAdmin('POST', `/documents/${copy.id}/duplicate`, { decision: 'same' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a merge into a deleted document (409) and bad input (422, 401), changing nothing', async () => {
    const { original, copy } = await flaggedPair('Bukhara', 'Friday');
    expect((await callAdmin('DELETE', `/documents/${original.id}`)).status).toBe(200);
    const refused = await callAdmin('POST', `/documents/${copy.id}/duplicate`, { decision: 'same' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'deleted' } });
    expect(await flagOf(copy.id)).not.toBeNull();
    expect(await deletedAt(copy.id)).toBeNull();

    const invalid = await callAdmin('POST', `/documents/${copy.id}/duplicate`, { decision: 'maybe' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_fields' } });
    const noToken = await callAdmin('POST', `/documents/${copy.id}/duplicate`, { decision: 'separate' }, null);
    expect(noToken.status).toBe(401);
    expect(await flagOf(copy.id)).not.toBeNull();
  });
});
