import { DeskLayout, type DeskPage } from './desk-layout.tsx';

export function LoginView({ page, refused, name }: { page: DeskPage; refused: boolean; name: string }) {
  const { t } = page;
  return (
    <DeskLayout page={page} title={t('desk.login.title')}>
      <h1>{t('desk.login.title')}</h1>
      {refused ? (
        <p class="note" role="alert">
          {t('desk.login.refused')}
        </p>
      ) : null}
      <form method="post" action="/desk/login" class="desk-form">
        <p>
          <label for="login-name">{t('desk.login.name')}</label>
          <input id="login-name" name="name" type="text" autocomplete="name" required maxlength={80} value={name} />
        </p>
        <p>
          <label for="login-token">{t('desk.login.token')}</label>
          <input id="login-token" name="token" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">{t('desk.login.submit')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
