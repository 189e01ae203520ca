import { useState, type FormEvent } from 'react';
import { Alert, Button, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { safeNextPath } from '../../../app/access.ts';
import { useErrorText } from '../../../app/errors.ts';
import { BrandMark } from '../../../components/BrandMark.tsx';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import type { LoginInput } from '../../../api/types.ts';
import { useLogin } from '../api/useLogin.ts';
import { useMe } from '../api/useMe.ts';
import './login.css';

/**
 * /login. After a successful login the user goes back to where they were sent from (`?next=`), or to
 * `/`, which the shell turns into the home of their area.
 */
export default function LoginPage() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation('common');
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const errorText = useErrorText();
  const next = safeNextPath(params.get('next')) ?? '/';
  // A plain form rather than antd's Form: two required fields do not need its validator, and leaving it
  // out keeps the login page's JavaScript small (the signed-in pages load it with the shell).
  const [values, setValues] = useState<LoginInput>({ username: '', password: '' });
  const [touched, setTouched] = useState(false);

  if (me.data) return <Navigate to={next} replace />;

  const missingUsername = touched && !values.username.trim();
  const missingPassword = touched && !values.password;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!values.username.trim() || !values.password || login.isPending) return;
    // On success the user is put into the `me` cache, and the redirect above takes them on.
    login.mutate({ username: values.username.trim(), password: values.password });
  };

  const error = login.error;
  const showExpired = !error && params.get('expired') === '1';

  return (
    <div className="dxe-login">
      <div className="dxe-login-lang">
        <LanguageSwitch />
      </div>
      <section className="dxe-login-brand">
        <div className="dxe-login-brand-inner">
          <div className="dxe-login-logo">
            <BrandMark size={48} />
            <div>
              <div className="dxe-login-name" data-testid="platform-name">
                {tc('app.name')}
              </div>
              <div className="dxe-login-pitch">{t('pitch')}</div>
            </div>
          </div>
          <ul className="dxe-login-motto" data-testid="motto">
            <li>{t('motto.line1')}</li>
            <li>{t('motto.line2')}</li>
            <li>{t('motto.line3')}</li>
          </ul>
        </div>
      </section>
      <main className="dxe-login-main">
        <div className="dxe-login-card">
          <h1 className="dxe-login-title" data-testid="page-title">
            {t('title')}
          </h1>
          <p className="dxe-login-subtitle">{t('subtitle', { name: tc('app.shortName') })}</p>
          {error && (
            <Alert
              type="error"
              showIcon
              title={errorText(error)}
              className="dxe-login-alert"
              data-testid="login-error"
              data-error-code={isApiError(error) ? error.code : 'unknown'}
            />
          )}
          {showExpired && <Alert type="info" showIcon title={t('sessionExpired')} className="dxe-login-alert" data-testid="session-expired" />}
          <form onSubmit={onSubmit} noValidate data-testid="login-form" className="dxe-login-form">
            <label className="dxe-login-field">
              <span className="dxe-login-label">{t('username')}</span>
              <Input
                size="large"
                prefix={<UserOutlined />}
                placeholder={t('usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                value={values.username}
                status={missingUsername ? 'error' : undefined}
                aria-invalid={missingUsername}
                onChange={(event) => setValues((current) => ({ ...current, username: event.target.value }))}
                data-testid="login-username"
              />
              <span className="dxe-login-field-error" role="alert">
                {missingUsername ? t('usernameRequired') : ''}
              </span>
            </label>
            <label className="dxe-login-field">
              <span className="dxe-login-label">{t('password')}</span>
              <Input.Password
                size="large"
                prefix={<LockOutlined />}
                placeholder={t('passwordPlaceholder')}
                autoComplete="current-password"
                value={values.password}
                status={missingPassword ? 'error' : undefined}
                aria-invalid={missingPassword}
                onChange={(event) => setValues((current) => ({ ...current, password: event.target.value }))}
                data-testid="login-password"
              />
              <span className="dxe-login-field-error" role="alert">
                {missingPassword ? t('passwordRequired') : ''}
              </span>
            </label>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
              {login.isPending ? t('submitting') : t('submit')}
            </Button>
          </form>
        </div>
        <footer className="dxe-login-footer">{t('footer')}</footer>
      </main>
    </div>
  );
}
