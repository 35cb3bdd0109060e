/**
 * Where a document came from, on its desk page: for an ingested document the source (linking
 * to its desk page), the rights policy it was stored under and its provenance (feed item,
 * fetch time, hash of the raw bytes, canonical URL, lead image and credit); for any document
 * the flags that need a person (a rejected machine translation, a possible duplicate).
 */
import type { DeskDocument } from '../../db/desk.ts';
import { TokenField, type DeskPage } from './desk-layout.tsx';

function Link({ href }: { href: string }) {
  return (
    <a href={href} rel="noopener noreferrer">
      {href}
    </a>
  );
}

export function ProvenanceFacts({ page, document }: { page: DeskPage; document: DeskDocument }) {
  const { t } = page;
  const { provenance, rejectedTranslations, possibleDuplicate, state } = document;
  return (
    <>
      {possibleDuplicate ? (
        <div class="note">
          <p>
            {t('desk.queue.similarTo', { overlap: Math.round(possibleDuplicate.overlap * 100) })}{' '}
            <a href={`/desk/documents/${possibleDuplicate.similarTo}`}>#{possibleDuplicate.similarTo}</a>
          </p>
          {/* The twin of POST /api/v1/admin/documents/{id}/duplicate (resolve-duplicate.ts). */}
          <form method="post" action={`/desk/documents/${state.id}/duplicate`}>
            <TokenField page={page} />
            <button type="submit" name="decision" value="separate">
              {t('desk.document.duplicate.separate')}
            </button>{' '}
            <button type="submit" name="decision" value="same">
              {t('desk.document.duplicate.same', { id: possibleDuplicate.similarTo })}
            </button>
          </form>
        </div>
      ) : null}
      {rejectedTranslations.map((flag) => (
        <p class="note">
          {t('desk.document.rejected', {
            lang: flag.lang,
            problem: t(`desk.queue.problem.${flag.problem}`, { defaultValue: flag.problem }),
            model: flag.model,
          })}
        </p>
      ))}
      <h2 id="provenance">{t('desk.document.provenance.title')}</h2>
      {provenance ? (
        <dl class="facts">
          <dt>{t('desk.document.provenance.source')}</dt>
          <dd>
            <a href={`/desk/sources/${provenance.sourceId}`}>{provenance.sourceName}</a>
          </dd>
          <dt>{t('desk.document.provenance.rights')}</dt>
          <dd>{t(`desk.sources.rights.${provenance.rights}`)}</dd>
          <dt>{t('desk.document.provenance.item')}</dt>
          <dd>
            <Link href={provenance.itemUrl} />
            {provenance.itemGuid && provenance.itemGuid !== provenance.itemUrl ? (
              <span class="meta"> · {provenance.itemGuid}</span>
            ) : null}
          </dd>
          <dt>{t('desk.document.provenance.canonical')}</dt>
          <dd>
            <Link href={state.meta.sourceUrl} />
          </dd>
          <dt>{t('desk.document.provenance.fetchedAt')}</dt>
          <dd>{provenance.fetchedAt}</dd>
          <dt>{t('desk.document.provenance.rawHash')}</dt>
          <dd>
            <code class="hash">{provenance.rawHash}</code>
          </dd>
          <dt>{t('desk.document.provenance.author')}</dt>
          <dd>{provenance.author ?? '—'}</dd>
          <dt>{t('desk.document.provenance.image')}</dt>
          <dd>
            {provenance.leadImageUrl ? <Link href={provenance.leadImageUrl} /> : '—'}
            {provenance.leadImageCredit ? ` · ${provenance.leadImageCredit}` : null}
          </dd>
        </dl>
      ) : (
        <p>{t('desk.document.provenance.byEditor')}</p>
      )}
    </>
  );
}
