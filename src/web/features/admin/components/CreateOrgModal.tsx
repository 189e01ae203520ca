import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { ORG_TYPES, type CreateOrgInput, type OrgType } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { useCreateOrg } from '../api/useCreateOrg.ts';

export function CreateOrgModal({ open, onClose, defaultType }: { open: boolean; onClose: () => void; defaultType?: OrgType }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<CreateOrgInput>();
  const create = useCreateOrg();
  const errorText = useErrorText();
  const { message } = App.useApp();

  const close = () => {
    create.reset();
    onClose();
  };

  const onFinish = (values: CreateOrgInput) => {
    const code = values.code?.trim();
    create.mutate(
      { type: values.type, name: values.name.trim(), ...(code ? { code } : {}) },
      {
        onSuccess: (org) => {
          void message.success(t('orgs.created', { name: org.name }));
          close();
        },
      },
    );
  };

  const error = create.error;
  const errorMessage = !error ? null : isApiError(error) && error.code === 'conflict' ? t('orgForm.codeTaken') : errorText(error);

  return (
    <Modal
      open={open}
      title={t('orgForm.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.create')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="create-org-modal"
      okButtonProps={{ 'data-testid': 'create-org-submit' }}
    >
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="create-org-error" />}
      <Form<CreateOrgInput> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={{ type: defaultType }}>
        <Form.Item name="type" label={t('orgForm.type')} rules={[{ required: true, message: t('orgForm.typeRequired') }]}>
          <Select<OrgType> options={ORG_TYPES.map((type) => ({ value: type, label: tc(`orgTypes.${type}`) }))} data-testid="org-type" />
        </Form.Item>
        <Form.Item name="name" label={t('orgForm.name')} rules={[{ required: true, whitespace: true, message: t('orgForm.nameRequired') }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        <Form.Item name="code" label={t('orgForm.code')} extra={t('orgForm.codeHint')}>
          <Input data-testid="org-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
