/**
 * The sources pages. Each action is the function its admin API twin calls
 * (workflows/ingestion/manage-sources.ts: registerSource ↔ POST /sources, editSource ↔ PATCH,
 * disableSource ↔ DELETE; pollSourceNow ↔ POST …/poll), and the form is checked with the same
 * shape as the API's JSON (`sourceEntryShape`); only the field errors' wording is the desk's,
 * in the editor's language. Changes redirect (303), so a reload never posts twice; "poll now"
 * answers with its result, which is not stored anywhere else.
 */
import { Hono, type Context } from 'hono';
import { getSource, listSources, SourceExistsError, type Source, type SourceInput } from '../../db/sources.ts';
import { DomainError } from '../../services/domain-error.ts';
import { disableSource, editSource, registerSource } from '../../workflows/ingestion/manage-sources.ts';
import { pollSourceNow } from '../../workflows/ingestion/run-ingestion.ts';
import { sourceEntryShape } from '../../workflows/ingestion/source-registry.ts';
import type { DeskEnv } from '../desk-env.ts';
import { deskPageOf } from '../views/desk-page.ts';
import { EMPTY_SOURCE_FORM, type SourceFormErrors, type SourceFormValues } from '../views/source-form.tsx';
import { SourcesView, SourceView } from '../views/sources-view.tsx';
import { readForm, type FormFields } from './forms.ts';

export const sourceRoutes = new Hono<DeskEnv>();

const FORM_FIELDS = new Set<string>(Object.keys(EMPTY_SOURCE_FORM));

function readSourceId(c: Context<DeskEnv>): number {
  const raw = c.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new DomainError('not_found', 'No such source.');
  return Number(raw);
}

async function requireSource(c: Context<DeskEnv>): Promise<Source> {
  const source = await getSource(c.get('db'), readSourceId(c));
  if (!source) throw new DomainError('not_found', 'No such source.');
  return source;
}

function formOf(source: Source): SourceFormValues {
  return {
    name: source.name,
    feedUrl: source.feedUrl,
    homepage: source.homepage ?? '',
    language: source.language,
    rights: source.rights,
    enabled: source.enabled,
    alwaysRelevant: source.alwaysRelevant,
    note: source.note ?? '',
  };
}

/** A checkbox is sent only when ticked; text fields as typed, trimmed. */
function readValues(fields: FormFields): SourceFormValues {
  const text = (name: string) => (fields[name] ?? '').trim();
  return {
    name: text('name'),
    feedUrl: text('feedUrl'),
    homepage: text('homepage'),
    language: text('language'),
    rights: text('rights'),
    enabled: fields['enabled'] !== undefined,
    alwaysRelevant: fields['alwaysRelevant'] !== undefined,
    note: text('note'),
  };
}

/** The refused fields (the first segment of each issue's path), each with its own message key. */
function errorsOf(fields: Record<string, unknown>): SourceFormErrors {
  const errors: SourceFormErrors = {};
  for (const field of Object.keys(fields)) {
    if (FORM_FIELDS.has(field)) errors[field as keyof SourceFormValues] = field;
  }
  return errors;
}

type Checked = { input: SourceInput; errors?: never } | { input?: never; errors: SourceFormErrors };

/** The API's shape over the form's values: an empty optional field is "none". */
function checkValues(values: SourceFormValues): Checked {
  const result = sourceEntryShape.safeParse({
    ...values,
    homepage: values.homepage === '' ? null : values.homepage,
    note: values.note === '' ? null : values.note,
  });
  if (result.success) return { input: result.data };
  return { errors: errorsOf(Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), true]))) };
}

/**
 * Runs a registry change; a refusal the editor can fix (a private or taken feed URL) comes back
 * as field errors, anything else is thrown to the desk's error page.
 */
async function tryChange(change: () => Promise<Source | null>): Promise<Source | null | SourceFormErrors> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof SourceExistsError) return { feedUrl: 'taken' };
    if (error instanceof DomainError && error.code === 'invalid_fields') {
      return errorsOf((error.details['fields'] ?? {}) as Record<string, unknown>);
    }
    throw error;
  }
}

function isSource(value: Source | SourceFormErrors): value is Source {
  return typeof (value as Source).id === 'number';
}

async function showSources(c: Context<DeskEnv>, form = EMPTY_SOURCE_FORM, errors?: SourceFormErrors) {
  const sources = await listSources(c.get('db'));
  return c.html(
    <SourcesView page={deskPageOf(c, '/desk/sources')} sources={sources} form={form} errors={errors} />,
    errors ? 422 : 200,
  );
}

sourceRoutes.get('/desk/sources', (c) => showSources(c));

sourceRoutes.post('/desk/sources', async (c) => {
  const values = readValues(await readForm(c));
  const checked = checkValues(values);
  if (checked.errors) return showSources(c, values, checked.errors);
  const outcome = await tryChange(() => registerSource(c.get('db'), c.env, checked.input));
  if (outcome === null || !isSource(outcome)) return showSources(c, values, outcome ?? {});
  return c.redirect(`/desk/sources/${outcome.id}?done=added`, 303);
});

sourceRoutes.get('/desk/sources/:id', async (c) => {
  const source = await requireSource(c);
  const page = deskPageOf(c, `/desk/sources/${source.id}`);
  return c.html(<SourceView page={page} source={source} form={formOf(source)} done={c.req.query('done')} />);
});

sourceRoutes.post('/desk/sources/:id', async (c) => {
  const source = await requireSource(c);
  const values = readValues(await readForm(c));
  const checked = checkValues(values);
  const { input } = checked;
  const outcome = input ? await tryChange(() => editSource(c.get('db'), c.env, source.id, input)) : checked.errors;
  if (outcome === null) throw new DomainError('not_found', 'No such source.');
  if (!isSource(outcome)) {
    const page = deskPageOf(c, `/desk/sources/${source.id}`);
    return c.html(<SourceView page={page} source={source} form={values} errors={outcome} />, 422);
  }
  return c.redirect(`/desk/sources/${source.id}?done=saved`, 303);
});

sourceRoutes.post('/desk/sources/:id/disable', async (c) => {
  const source = await disableSource(c.get('db'), readSourceId(c));
  if (!source) throw new DomainError('not_found', 'No such source.');
  return c.redirect(`/desk/sources/${source.id}?done=disabled`, 303);
});

sourceRoutes.post('/desk/sources/:id/poll', async (c) => {
  const db = c.get('db');
  const report = await pollSourceNow(c.env, db, readSourceId(c), (request) => fetch(request));
  if (!report) throw new DomainError('not_found', 'No such source.');
  // Read again: the page shows the health this poll just recorded.
  const source = await requireSource(c);
  const page = deskPageOf(c, `/desk/sources/${source.id}`);
  return c.html(<SourceView page={page} source={source} form={formOf(source)} report={report} />);
});
