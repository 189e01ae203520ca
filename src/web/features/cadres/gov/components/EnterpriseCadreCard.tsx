import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { useUser } from '../../../../app/session.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';
import { useCadreList, useEnterpriseCadre, useLinkEnterprise } from '../../api/useCadres.ts';
import { todayInCounty } from '../../../../lib/format.ts';

interface LinkValues {
  cadreId: number;
  linkedOn: string;
  reason?: string;
}

const VIEWERS = ['department_staff', 'dispatcher', 'data_admin', 'admin'];
const MANAGERS = ['data_admin', 'dispatcher'];

function LinkModal({ enterpriseId, reassign, onClose }: { enterpriseId: number; reassign: boolean; onClose: () => void }) {
  const { t } = useTranslation('cadres');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<LinkValues>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const cadres = useCadreList({ q: q.trim() || undefined, sort: 'name', page: 1, pageSize: 20 });
  const link = useLinkEnterprise();
  const today = todayInCounty();
  const submit = async (values: LinkValues) => {
    try {
      await link.mutateAsync({ enterpriseId, cadreId: values.cadreId, linkedOn: values.linkedOn, ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}) });
      void message.success(t('link.saved'));
      onClose();
    } catch (error) {
      applyServerErrors(form, error);
      void message.error(errorText(error));
    }
  };
  return (
    <Modal open title={reassign ? t('link.reassign') : t('link.assign')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={link.isPending} destroyOnHidden>
      <Form<LinkValues> form={form} layout="vertical" initialValues={{ linkedOn: today }} onFinish={(values) => void submit(values)}>
        <Form.Item name="cadreId" label={t('link.cadreId')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('link.cadrePlaceholder')}
            loading={cadres.isFetching}
            options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.position} · ${c.orgName}` }))}
            data-testid="link-cadre"
          />
        </Form.Item>
        <Form.Item name="linkedOn" label={t('link.linkedOn')} rules={[{ required: true }]}>
          <Input type="date" max={today} />
        </Form.Item>
        {reassign && (
          <Form.Item name="reason" label={t('link.reason')} rules={[{ required: true, whitespace: true, message: t('link.reasonRequired') }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** On the government's enterprise profile: the firm's cadre (千人联千企), the history, and assign/reassign for managers. */
export default function EnterpriseCadreCard({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation('cadres');
  const user = useUser();
  const cadre = useEnterpriseCadre(enterpriseId);
  const [editing, setEditing] = useState(false);
  if (cadre.isPending) return null;
  if (cadre.isError) {
    if (isApiError(cadre.error) && cadre.error.status === 403) return null; // the profile page already says why
    return <Card size="small" title={t('link.title')} style={{ marginTop: 16 }}><Typography.Text type="danger">{t('loadFailed')}</Typography.Text></Card>;
  }
  const current = cadre.data.current;
  const mayManage = user.roles.some((r) => MANAGERS.includes(r));
  const mayOpenCadre = user.roles.some((r) => VIEWERS.includes(r));
  return (
    <Card
      size="small"
      title={t('link.title')}
      style={{ marginTop: 16 }}
      data-testid="enterprise-cadre"
      extra={
        mayManage ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid="enterprise-cadre-edit">
            {current ? t('link.reassign') : t('link.assign')}
          </Button>
        ) : null
      }
    >
      {current ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'cadre', label: t('link.cadre'), children: mayOpenCadre ? <Link to={`/gov/cadres/${current.cadreId}`}>{current.cadreName}</Link> : current.cadreName },
            { key: 'post', label: t('list.position'), children: `${current.cadrePosition} · ${current.cadreOrgName}` },
            { key: 'phone', label: t('list.phone'), children: current.phone ?? '—' },
            { key: 'since', label: t('detail.linkedOn'), children: current.linkedOn },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('link.none')}</Typography.Text>
      )}
      {cadre.data.history.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text strong>{t('link.history')}</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={cadre.data.history}
            columns={[
              { title: t('link.cadre'), key: 'cadre', render: (_, l) => `${l.cadreName} · ${l.cadrePosition}` },
              { title: t('detail.linkedOn'), dataIndex: 'linkedOn', key: 'from' },
              { title: t('detail.unlinkedOn'), dataIndex: 'unlinkedOn', key: 'to' },
              { title: t('detail.reason'), dataIndex: 'reason', key: 'reason' },
            ]}
          />
        </Space>
      )}
      {editing && <LinkModal enterpriseId={enterpriseId} reassign={current !== null} onClose={() => setEditing(false)} />}
    </Card>
  );
}
