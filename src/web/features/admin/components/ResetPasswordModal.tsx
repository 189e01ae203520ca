import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { isStrongEnough } from '../../../lib/password.ts';
import { useResetPassword } from '../api/useResetPassword.ts';

export function ResetPasswordModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();
  const errorText = useErrorText();
  const { message } = App.useApp();

  const close = () => {
    reset.reset();
    onClose();
  };

  const onFinish = ({ newPassword }: { newPassword: string }) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { name: user.displayName }));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('userForm.resetTitle', { name: user.username }) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.confirm')}
      cancelText={tc('actions.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
      data-testid="reset-password-modal"
      okButtonProps={{ 'data-testid': 'reset-password-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('userForm.resetHint')}</Typography.Paragraph>
      {reset.error && <Alert type="error" showIcon title={errorText(reset.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
        <Form.Item
          name="newPassword"
          label={t('userForm.newPassword')}
          rules={[
            { required: true, message: t('userForm.newPasswordRequired') },
            { validator: (_, value: string | undefined) => (!value || isStrongEnough(value) ? Promise.resolve() : Promise.reject(new Error(tc('validation.passwordRule')))) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
