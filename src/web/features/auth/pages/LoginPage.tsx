import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { safeNextPath } from '../../../app/access.ts';
import { useErrorText } from '../../../app/errors.ts';
import { BrandMark } from '../../../components/BrandMark.tsx';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { useLogin, type LoginInput } from '../api/useLogin.ts';
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

  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (values: LoginInput) => {
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
          <Form<LoginInput> layout="vertical" size="large" requiredMark={false} onFinish={onFinish} data-testid="login-form" disabled={login.isPending}>
            <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('usernamePlaceholder')} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('passwordPlaceholder')} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {login.isPending ? t('submitting') : t('submit')}
            </Button>
          </Form>
        </div>
        <footer className="dxe-login-footer">{t('footer')}</footer>
      </main>
    </div>
  );
}
