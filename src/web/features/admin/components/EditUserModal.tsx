import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { useUpdateUser } from '../api/useUpdateUser.ts';

interface Values {
  displayName: string;
}

/**
 * Edits the display name of a user (the organisation is fixed at creation; roles are the security
 * administrator's, on the security page: 三权分立).
 */
export function EditUserModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();
  const errorText = useErrorText();
  const { message } = App.useApp();

  const close = () => {
    update.reset();
    onClose();
  };

  const onFinish = (values: Values) => {
    if (!user) return;
    update.mutate(
      { id: user.id, displayName: values.displayName.trim() },
      {
        onSuccess: (saved) => {
          void message.success(t('users.updated', { name: saved.displayName }));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('userForm.editTitle', { name: user.username }) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
      data-testid="edit-user-modal"
      okButtonProps={{ 'data-testid': 'edit-user-submit' }}
    >
      {update.error && <Alert type="error" showIcon title={errorText(update.error)} style={{ marginBottom: 16 }} />}
      {user && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark="optional"
          initialValues={{ displayName: user.displayName }}
        >
          <Form.Item name="displayName" label={t('userForm.displayName')} rules={[{ required: true, whitespace: true, message: t('userForm.displayNameRequired') }]}>
            <Input data-testid="edit-display-name" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
