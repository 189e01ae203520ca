import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, List, Modal, Progress, Radio, Rate, Select, Space, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AssignDemandInput, DemandDetail } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { useDemandAction, useDemandCategories, useHandlers } from '../api/useDemands.ts';
import { percent } from '../lib/demand-view.ts';

/**
 * The dispatcher's view of a new demand: the suggested category, competent department and responsible leader
 * with the model's confidence, the top 3 alternatives and the most similar past demands with how they were
 * resolved; one click assigns as suggested (派单), or the dispatcher assigns by hand, lets the platform pick
 * (rule, round robin, least load) or offers the demand to the providers' claim pool (抢单).
 */
export function SuggestionPanel({ demand }: { demand: DemandDetail }) {
  const { t, i18n } = useTranslation('demands');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const en = i18n.language.startsWith('en');
  const action = useDemandAction(demand.id);
  const [manual, setManual] = useState(false);
  const [form] = Form.useForm<{ categoryCode?: string; handlerOrgId?: number; leaderCadreId?: number; strategy?: 'rule' | 'round_robin' | 'least_load'; how: 'manual' | 'auto' }>();
  const categoryCode = Form.useWatch('categoryCode', form) ?? demand.category?.code ?? demand.suggestion?.category?.code;
  const handlerOrgId = Form.useWatch('handlerOrgId', form);
  const how = Form.useWatch('how', form) ?? 'manual';
  const categories = useDemandCategories();
  const handlers = useHandlers(categoryCode, manual);
  const suggestion = demand.suggestion;
  const canAssign = demand.allowedActions.includes('assign');
  const canOffer = demand.allowedActions.includes('offer');
  const name = (c: { nameZh: string; nameEn: string }) => (en ? c.nameEn : c.nameZh);

  const send = async (path: 'assign' | 'offer', body: Record<string, unknown>) => {
    try {
      await action.mutateAsync({ action: path, body });
      void message.success(t(path === 'assign' ? 'queue.assigned' : 'queue.offered'));
      setManual(false);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const assignAsSuggested = () => {
    if (!suggestion?.department) return;
    const body: AssignDemandInput = { mode: 'manual', handlerOrgId: suggestion.department.id };
    if (suggestion.leader) body.leaderCadreId = suggestion.leader.id;
    if (suggestion.category) body.categoryCode = suggestion.category.code;
    void send('assign', body);
  };

  const submitManual = async () => {
    const values = await form.validateFields();
    if (values.how === 'auto') void send('assign', { mode: 'auto', strategy: values.strategy ?? 'least_load', ...(values.categoryCode ? { categoryCode: values.categoryCode } : {}) });
    else void send('assign', { mode: 'manual', handlerOrgId: values.handlerOrgId, ...(values.leaderCadreId ? { leaderCadreId: values.leaderCadreId } : {}), ...(values.categoryCode ? { categoryCode: values.categoryCode } : {}) });
  };

  const leaders = handlers.data?.items.find((h) => h.id === handlerOrgId)?.leaders ?? [];

  return (
    <Card title={t('suggestion.title')} data-testid="suggestion-panel" extra={suggestion?.modelVersion ? <Tag>{t('suggestion.model', { version: suggestion.modelVersion })}</Tag> : null}>
      {!suggestion || !suggestion.category ? (
        <Empty description={t('suggestion.none')} />
      ) : (
        <>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 3 }}
            size="small"
            items={[
              {
                key: 'category',
                label: t('fields.category'),
                children: (
                  <span data-testid="suggestion-category" data-code={suggestion.category.code}>
                    {name(suggestion.category)} <Tag color="blue">{percent(suggestion.category.confidence)}</Tag>
                    <Typography.Text type="secondary">{t(`suggestion.sources.${suggestion.source}`)}</Typography.Text>
                  </span>
                ),
              },
              { key: 'department', label: t('suggestion.department'), children: <span data-testid="suggestion-department">{suggestion.department?.name ?? '—'}</span> },
              { key: 'leader', label: t('suggestion.leader'), children: suggestion.leader ? `${suggestion.leader.name}（${suggestion.leader.position}）` : '—' },
            ]}
          />
          <Typography.Title level={5}>{t('suggestion.alternatives')}</Typography.Title>
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="suggestion-alternatives">
            {suggestion.alternatives.slice(0, 3).map((alt) => (
              <div key={alt.code} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                <span style={{ width: 96 }}>{name(alt)}</span>
                <Progress percent={Math.round(alt.confidence * 100)} size="small" style={{ flex: 1, margin: 0 }} />
              </div>
            ))}
          </Space>
          {suggestion.linkedCadre && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('suggestion.linkedCadre', { name: suggestion.linkedCadre.name, org: suggestion.linkedCadre.orgName })}</Typography.Paragraph>}
        </>
      )}
      {suggestion && suggestion.similar.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('suggestion.similar')}</Typography.Title>
          <List
            size="small"
            data-testid="suggestion-similar"
            dataSource={suggestion.similar}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/gov/demands/${s.id}`}>{s.title}</Link>
                      {s.category && <Tag>{name(s.category)}</Tag>}
                      {s.handlerOrg && <Typography.Text type="secondary">{s.handlerOrg.name}</Typography.Text>}
                      {s.rating !== null && <Rate disabled value={s.rating} style={{ fontSize: 12 }} />}
                    </Space>
                  }
                  description={s.resolution ?? t('suggestion.unresolved')}
                />
              </List.Item>
            )}
          />
        </>
      )}
      {(canAssign || canOffer) && (
        <Space wrap style={{ marginTop: 16 }}>
          {canAssign && (
            <Button type="primary" icon={<ThunderboltOutlined />} disabled={!suggestion?.department} loading={action.isPending} onClick={assignAsSuggested} data-testid="assign-suggested">
              {t('queue.assignSuggested')}
            </Button>
          )}
          {canAssign && (
            <Button onClick={() => setManual(true)} data-testid="assign-manual">
              {t('queue.assignManual')}
            </Button>
          )}
          {canOffer && (
            <Button onClick={() => void send('offer', categoryCode ? { categoryCode } : {})} loading={action.isPending} data-testid="offer-pool">
              {t('queue.offer')}
            </Button>
          )}
        </Space>
      )}
      <Modal open={manual} title={t('queue.assignManual')} onCancel={() => setManual(false)} onOk={() => void submitManual()} confirmLoading={action.isPending} okText={t('queue.assign')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ how: 'manual', categoryCode, handlerOrgId: suggestion?.department?.id, leaderCadreId: suggestion?.leader?.id, strategy: 'least_load' }}>
          <Form.Item name="categoryCode" label={t('fields.category')}>
            <Select options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: name(c) }))} />
          </Form.Item>
          <Form.Item name="how">
            <Radio.Group options={[{ value: 'manual', label: t('queue.manual') }, { value: 'auto', label: t('queue.auto') }]} />
          </Form.Item>
          {how === 'auto' ? (
            <Form.Item name="strategy" label={t('queue.strategy')}>
              <Select options={(['rule', 'round_robin', 'least_load'] as const).map((s) => ({ value: s, label: t(`queue.strategies.${s}`) }))} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="handlerOrgId" label={t('fields.handler')} rules={[{ required: true, message: t('form.required') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={handlers.isLoading}
                  options={(handlers.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.isEligible ? '★ ' : ''}${h.name} · ${t('queue.load', { count: h.openOrders })}` }))}
                />
              </Form.Item>
              <Form.Item name="leaderCadreId" label={t('suggestion.leader')}>
                <Select allowClear options={leaders.map((l) => ({ value: l.id, label: `${l.name}（${l.position}）` }))} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
