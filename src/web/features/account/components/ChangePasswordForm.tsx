import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useErrorText } from '../../../app/errors.ts';
import { isStrongEnough } from '../../../lib/password.ts';
import { useChangePassword } from '../../auth/api/useChangePassword.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm() {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const errorText = useErrorText();
  const { message } = App.useApp();

  const onFinish = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('password.success'));
        },
      },
    );
  };

  const error = change.error;
  const errorMessage =
    error && isApiError(error) && error.code === 'invalid_credentials' ? t('password.wrongCurrent') : error ? errorText(error) : null;

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} style={{ maxWidth: 420 }} data-testid="change-password-form">
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.hint')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { validator: (_, value: string | undefined) => (!value || isStrongEnough(value) ? Promise.resolve() : Promise.reject(new Error(tc('validation.passwordRule')))) },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(tc('validation.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
