import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Rate, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemandAction, DemandDetail } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useDemandAction, useHandlers, type DemandActionPath } from '../api/useDemands.ts';
import { handlerActions, NEEDS_REASON } from '../lib/demand-view.ts';

/** Actions that need no more than a click. */
const ONE_CLICK: ReadonlySet<DemandAction> = new Set(['claim', 'accept', 'start', 'resume', 'close']);
/** Actions that open a form: a reason, the result, the rating, the follow-up outcome. */
type FormAction = 'wait' | 'transfer' | 'return' | 'reopen' | 'resolve' | 'rate' | 'follow_up';

const PATH: Record<string, DemandActionPath> = { follow_up: 'follow-up' };

/**
 * The buttons of what this user may do to the demand now (the server's `allowedActions`): one click for
 * 接单/开始办理/恢复/关闭, a form for a reason (等待企业/移交/退回/重新办理), the result (办结), the rating (评价) and the
 * follow-up outcome (跟踪问效). A refusal shows the server's reason; nothing changes.
 */
export function DemandActionBar({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation('demands');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const mutation = useDemandAction(demand.id);
  const [open, setOpen] = useState<FormAction | null>(null);
  const [form] = Form.useForm();
  const handlers = useHandlers(demand.category?.code, open === 'transfer');
  const actions = handlerActions(demand.allowedActions);
  if (actions.length === 0) return null;

  const run = async (action: DemandAction, body?: Record<string, unknown>) => {
    try {
      await mutation.mutateAsync({ action: PATH[action] ?? (action as DemandActionPath), body });
      void message.success(t('done', { action: t(`buttons.${action}`) }));
      setOpen(null);
      form.resetFields();
    } catch (error) {
      const unplaced = open ? applyServerErrors(form, error) : [error];
      if (unplaced.length > 0) void message.error(errorText(error));
    }
  };

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    await run(open!, values);
  };

  return (
    <>
      <Space wrap data-testid="demand-actions">
        {actions.map((action) =>
          ONE_CLICK.has(action) ? (
            <Button key={action} type={action === 'accept' || action === 'claim' ? 'primary' : 'default'} loading={mutation.isPending && mutation.variables?.action === action} onClick={() => void run(action)} data-testid={`demand-action-${action}`}>
              {t(`buttons.${action}`)}
            </Button>
          ) : (
            <Button key={action} type={action === 'resolve' || action === 'rate' ? 'primary' : 'default'} danger={action === 'return'} onClick={() => setOpen(action as FormAction)} data-testid={`demand-action-${action}`}>
              {t(`buttons.${action}`)}
            </Button>
          ),
        )}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`buttons.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText={t('submit')}
        confirmLoading={mutation.isPending}
        okButtonProps={{ 'data-testid': 'demand-action-confirm' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open && NEEDS_REASON.has(open) && (
            <>
              {open === 'transfer' && (
                <Form.Item name="handlerOrgId" label={t('fields.transferTo')} rules={[{ required: true, message: t('form.required') }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    loading={handlers.isLoading}
                    data-testid="demand-transfer-org"
                    options={(handlers.data?.items ?? []).filter((h) => h.id !== demand.handlerOrg?.id).map((h) => ({ value: h.id, label: h.name }))}
                  />
                </Form.Item>
              )}
              <Form.Item name="reason" label={t('fields.reason')} rules={[{ required: true, whitespace: true, message: t('form.reasonRequired') }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="demand-reason" />
              </Form.Item>
            </>
          )}
          {open === 'resolve' && (
            <>
              <Form.Item name="mode" label={t('fields.resolutionMode')} initialValue="online" rules={[{ required: true }]}>
                <Radio.Group options={[{ value: 'online', label: t('resolutionModes.online') }, { value: 'offline', label: t('resolutionModes.offline') }]} />
              </Form.Item>
              <Form.Item name="resolution" label={t('fields.resolution')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.resolutionRequired') }]}>
                <Input.TextArea rows={4} maxLength={5000} data-testid="demand-resolution" />
              </Form.Item>
            </>
          )}
          {open === 'rate' && (
            <>
              <Form.Item name="rating" label={t('fields.rating')} rules={[{ required: true, message: t('form.ratingRequired') }]} extra={t('rate.hint')}>
                <Rate tooltips={([1, 2, 3, 4, 5] as const).map((n) => t(`rate.levels.l${n}`))} data-testid="demand-rating" />
              </Form.Item>
              <Form.Item name="comment" label={t('fields.comment')}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="demand-rating-comment" />
              </Form.Item>
            </>
          )}
          {open === 'follow_up' && (
            <>
              <Form.Item name="outcome" label={t('fields.followUpOutcome')} rules={[{ required: true, message: t('form.required') }]}>
                <Radio.Group options={(['effective', 'partly_effective', 'not_effective'] as const).map((o) => ({ value: o, label: t(`followUp.${o}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('fields.note')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
