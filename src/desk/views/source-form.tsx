/**
 * The form that adds or edits a source, with its fields' errors in the editor's language next
 * to each field (and summarised at the top, for screen readers, as an alert).
 */
import { RIGHTS_POLICIES, SOURCE_LANGUAGES } from '../../db/sources.ts';
import { TokenField, type DeskPage } from './desk-layout.tsx';

/** The form's fields as the editor typed them (strings; checkboxes as booleans). */
export interface SourceFormValues {
  name: string;
  feedUrl: string;
  homepage: string;
  language: string;
  rights: string;
  enabled: boolean;
  alwaysRelevant: boolean;
  note: string;
}

/** Field name → the reason it was refused: a key under desk.sources.errors. */
export type SourceFormErrors = Partial<Record<keyof SourceFormValues, string>>;

export const EMPTY_SOURCE_FORM: SourceFormValues = {
  name: '',
  feedUrl: '',
  homepage: '',
  language: 'en',
  rights: 'excerpt',
  enabled: true,
  alwaysRelevant: false,
  note: '',
};

/** What ties a refused field to its message, for assistive technology. */
function invalidAttributes(name: string, error: string | undefined) {
  return error ? { 'aria-invalid': 'true', 'aria-describedby': `source-${name}-error` } : {};
}

function FieldError({ page, name, error }: { page: DeskPage; name: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span id={`source-${name}-error`} class="field-error">
      {page.t(`desk.sources.errors.${error}`)}
    </span>
  );
}

function TextField({
  page,
  name,
  type = 'text',
  value,
  errors,
  required = false,
}: {
  page: DeskPage;
  name: 'name' | 'feedUrl' | 'homepage';
  type?: 'text' | 'url';
  value: string;
  errors: SourceFormErrors;
  required?: boolean;
}) {
  const error = errors[name];
  return (
    <p>
      <label for={`source-${name}`}>{page.t(`desk.sources.field.${name}`)}</label>
      <input
        id={`source-${name}`}
        name={name}
        type={type}
        value={value}
        required={required}
        maxlength={name === 'name' ? 200 : 2000}
        {...invalidAttributes(name, error)}
      />
      <FieldError page={page} name={name} error={error} />
    </p>
  );
}

function Choice({
  page,
  name,
  options,
  value,
  errors,
}: {
  page: DeskPage;
  name: 'language' | 'rights';
  options: readonly string[];
  value: string;
  errors: SourceFormErrors;
}) {
  const error = errors[name];
  return (
    <p>
      <label for={`source-${name}`}>{page.t(`desk.sources.field.${name}`)}</label>
      <select id={`source-${name}`} name={name} {...invalidAttributes(name, error)}>
        {options.map((option) => (
          <option value={option} selected={option === value}>
            {page.t(`desk.sources.${name}.${option}`)}
          </option>
        ))}
      </select>
      <FieldError page={page} name={name} error={error} />
    </p>
  );
}

export function SourceForm({
  page,
  action,
  values,
  errors = {},
  submit,
}: {
  page: DeskPage;
  action: string;
  values: SourceFormValues;
  errors?: SourceFormErrors;
  submit: string;
}) {
  const { t } = page;
  const problems = Object.values(errors);
  return (
    <form method="post" action={action} class="desk-form" novalidate>
      <TokenField page={page} />
      {problems.length > 0 ? (
        <div class="note" role="alert">
          <p>{t('desk.sources.errors.summary')}</p>
          <ul>
            {problems.map((problem) => (
              <li>{t(`desk.sources.errors.${problem}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField page={page} name="name" value={values.name} errors={errors} required />
      <TextField page={page} name="feedUrl" type="url" value={values.feedUrl} errors={errors} required />
      <TextField page={page} name="homepage" type="url" value={values.homepage} errors={errors} />
      <Choice page={page} name="language" options={SOURCE_LANGUAGES} value={values.language} errors={errors} />
      <Choice page={page} name="rights" options={RIGHTS_POLICIES} value={values.rights} errors={errors} />
      <p class="check">
        <input id="source-enabled" name="enabled" type="checkbox" checked={values.enabled} />
        <label for="source-enabled">{t('desk.sources.field.enabled')}</label>
      </p>
      <p class="check">
        <input id="source-alwaysRelevant" name="alwaysRelevant" type="checkbox" checked={values.alwaysRelevant} />
        <label for="source-alwaysRelevant">{t('desk.sources.field.alwaysRelevant')}</label>
      </p>
      <p>
        <label for="source-note">{t('desk.sources.field.note')}</label>
        <textarea id="source-note" name="note" rows={3} maxlength={1000} {...invalidAttributes('note', errors.note)}>
          {values.note}
        </textarea>
        <FieldError page={page} name="note" error={errors.note} />
      </p>
      <p>
        <button type="submit">{submit}</button>
      </p>
    </form>
  );
}
