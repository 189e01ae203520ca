import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

interface ReasonModalProps {
  open: boolean;
  title: string;
  description?: string;
  label: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
  testId: string;
}

/** Asks for the reason of a return, a rejection, an objection, a removal or a cancellation (required, not blank). */
export function ReasonModal({ open, title, description, label, danger, pending, error, onSubmit, onClose, testId }: ReasonModalProps) {
  const { t } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<{ reason: string }>();
  const close = () => {
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.confirm')}
      cancelText={tc('actions.cancel')}
      okButtonProps={{ danger, 'data-testid': `${testId}-submit` } as never}
      confirmLoading={pending}
      destroyOnHidden
      data-testid={testId}
    >
      {description && <p>{description}</p>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical" onFinish={(values) => onSubmit(values.reason.trim())} initialValues={{ reason: '' }}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
