import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { ROLES, type CreateUserInput, type Role } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { isStrongEnough } from '../../../lib/password.ts';
import { useCreateUser } from '../api/useCreateUser.ts';
import { OrgSelect } from './OrgSelect.tsx';

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<CreateUserInput>();
  const create = useCreateUser();
  const errorText = useErrorText();
  const { message } = App.useApp();

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const onFinish = (values: CreateUserInput) => {
    create.mutate(
      { ...values, username: values.username.trim(), displayName: values.displayName.trim() },
      {
        onSuccess: (user) => {
          void message.success(t('users.created', { name: user.displayName }));
          close();
        },
      },
    );
  };

  const error = create.error;
  const errorMessage = !error ? null : isApiError(error) && error.code === 'conflict' ? t('users.usernameTaken') : errorText(error);

  return (
    <Modal
      open={open}
      title={t('userForm.createTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.create')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="create-user-modal"
      okButtonProps={{ 'data-testid': 'create-user-submit' }}
    >
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="create-user-error" />}
      <Form<CreateUserInput> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off">
        <Form.Item
          name="username"
          label={t('userForm.username')}
          rules={[
            { required: true, whitespace: true, message: t('userForm.usernameRequired') },
            // The server's rule (accounts.schemas.ts), checked here so the user sees it before submitting.
            { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('userForm.usernameRule') },
          ]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('userForm.displayName')} rules={[{ required: true, whitespace: true, message: t('userForm.displayNameRequired') }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('userForm.password')}
          extra={t('userForm.passwordHint')}
          rules={[
            { required: true, message: t('userForm.passwordRequired') },
            { validator: (_, value: string | undefined) => (!value || isStrongEnough(value) ? Promise.resolve() : Promise.reject(new Error(tc('validation.passwordRule')))) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="orgId" label={t('userForm.organisation')} rules={[{ required: true, message: t('userForm.organisationRequired') }]}>
          <OrgSelect placeholder={t('userForm.organisationPlaceholder')} data-testid="user-org" />
        </Form.Item>
        <Form.Item name="roles" label={t('userForm.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('userForm.rolesRequired') }]}>
          <Select<Role[]>
            mode="multiple"
            placeholder={t('userForm.rolesPlaceholder')}
            options={ROLES.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            data-testid="user-roles"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
