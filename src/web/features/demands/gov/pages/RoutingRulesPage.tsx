import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { RoutingRule } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import EChart from '../../../../components/EChart.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors, problemsOf } from '../../../../lib/form-errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useDemandCategories, useHandlers, useRoutingRules, useSaveRoutingRule } from '../../shared/api/useDemands.ts';
import '../../shared/components/demands.css';

interface RuleValues {
  keyword: string;
  categoryCode: string;
  handlerOrgId?: number | null;
  note?: string;
}

/** The sentence for a refused keyword: the active rule it would duplicate, by number. */
function useDuplicateText() {
  const { t } = useTranslation('demands');
  return (error: unknown): string | null => {
    if (!isApiError(error) || error.status !== 409) return null;
    const clash = problemsOf(error).find((p) => p.message === 'duplicate_keyword');
    return clash ? t('rules.keywordDuplicate', { keyword: String(clash.keyword ?? ''), id: Number(clash.ruleId) }) : null;
  };
}

/** Adds a rule or edits one: keyword, category, optional office and note. */
function RuleModal({ rule, onClose }: { rule: RoutingRule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const duplicateText = useDuplicateText();
  const [form] = Form.useForm<RuleValues>();
  const categoryCode = Form.useWatch('categoryCode', form);
  const categories = useDemandCategories();
  const handlers = useHandlers(categoryCode);
  const save = useSaveRoutingRule();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    const input = { keyword: values.keyword.trim(), categoryCode: values.categoryCode, handlerOrgId: values.handlerOrgId ?? null, note: values.note?.trim() ?? '' };
    try {
      await save.mutateAsync({ id: rule?.id, input });
    } catch (error) {
      const duplicate = duplicateText(error);
      if (duplicate) {
        form.setFields([{ name: 'keyword', errors: [duplicate] }]);
        return;
      }
      if (applyServerErrors(form, error).length > 0 || !isApiError(error) || error.status !== 400) setRefusal(errorText(error));
      return;
    }
    void message.success(t('rules.saved'));
    onClose();
  };

  return (
    <Modal
      open
      title={rule ? t('rules.edit') : t('rules.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('submit')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'rule-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={rule ? { keyword: rule.keyword, categoryCode: rule.category.code, handlerOrgId: rule.handlerOrg?.id ?? null, note: rule.note } : { keyword: '', handlerOrgId: null, note: '' }}
        data-testid="rule-form"
      >
        <Form.Item name="keyword" label={t('rules.keyword')} rules={[{ required: true, whitespace: true, message: t('rules.keywordRequired') }]}>
          <Input maxLength={50} data-testid="rule-keyword" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('rules.category')} rules={[{ required: true, message: t('rules.categoryRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="rule-category"
            onChange={() => form.setFieldValue('handlerOrgId', null)}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="handlerOrgId" label={t('rules.office')}>
          <Select<number | null>
            allowClear
            placeholder={t('rules.officePlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={handlers.isFetching}
            data-testid="rule-office"
            // The category's eligible offices first (its department, providers serving it), then the others.
            options={[...(handlers.data?.items ?? [])].sort((a, b) => Number(b.isEligible) - Number(a.isEligible)).map((h) => ({ value: h.id, label: h.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('rules.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="rule-note" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} data-testid="rule-refused" />}
    </Modal>
  );
}

/**
 * /gov/demands/rules — 分拨规则 (dispatcher): the keyword rules that route a demand before the router model:
 * list with how many demands each routed in the last 90 days (and a chart of it), add, edit, deactivate and
 * reactivate. A keyword may have one active rule; a second is refused with the rule it would duplicate.
 */
export default function RoutingRulesPage() {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const duplicateText = useDuplicateText();
  const rules = useRoutingRules();
  const save = useSaveRoutingRule();
  const [editing, setEditing] = useState<RoutingRule | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [activeOnly, setActiveOnly] = useState(false);

  const toggle = async (rule: RoutingRule) => {
    try {
      await save.mutateAsync({ id: rule.id, input: { isActive: !rule.isActive } });
      void message.success(t(rule.isActive ? 'rules.deactivated' : 'rules.activated', { keyword: rule.keyword }));
    } catch (error) {
      void message.error(duplicateText(error) ?? errorText(error));
    }
  };

  if (rules.isError && !rules.data) return <LoadFailed wholePage error={rules.error} onRetry={() => void rules.refetch()} />;
  const items = rules.data?.items ?? [];
  const shown = activeOnly ? items.filter((r) => r.isActive) : items;
  const routed = items.filter((r) => r.routedRecently > 0).sort((a, b) => b.routedRecently - a.routedRecently).slice(0, 15);

  const columns: TableColumnsType<RoutingRule> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 56 },
    { title: t('rules.keyword'), key: 'keyword', render: (_, r) => <Typography.Text strong data-testid={`rule-keyword-${r.id}`}>{r.keyword}</Typography.Text> },
    { title: t('rules.category'), key: 'category', render: (_, r) => (en ? r.category.nameEn : r.category.nameZh) },
    { title: t('rules.office'), key: 'office', render: (_, r) => r.handlerOrg?.name ?? <Typography.Text type="secondary">{t('rules.officeAny')}</Typography.Text> },
    { title: t('rules.note'), dataIndex: 'note', key: 'note', responsive: ['lg'], ellipsis: true },
    { title: t('rules.routed'), key: 'routed', align: 'right', render: (_, r) => <span data-testid={`rule-routed-${r.id}`}>{t('rules.routedValue', { count: r.routedRecently })}</span> },
    {
      title: t('rules.status'),
      key: 'status',
      render: (_, r) => (
        <Tag color={r.isActive ? 'green' : 'default'} data-testid={`rule-status-${r.id}`}>
          {r.isActive ? t('rules.active') : t('rules.inactive')}
        </Tag>
      ),
    },
    { title: t('rules.updatedAt'), key: 'updatedAt', responsive: ['md'], render: (_, r) => formatDateTime(r.updatedAt, i18n.language) },
    {
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(r);
              setModalOpen(true);
            }}
            data-testid={`rule-edit-${r.id}`}
          >
            {t('rules.edit')}
          </Button>
          {r.isActive ? (
            <Popconfirm title={t('rules.deactivateConfirm', { keyword: r.keyword })} onConfirm={() => toggle(r)} okButtonProps={{ 'data-testid': 'rule-deactivate-confirm' }}>
              <Button type="link" size="small" danger data-testid={`rule-deactivate-${r.id}`}>
                {t('rules.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void toggle(r)} data-testid={`rule-activate-${r.id}`}>
              {t('rules.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setModalOpen(true);
            }}
            data-testid="rule-add"
          >
            {t('rules.add')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card
            extra={
              <Space>
                <Typography.Text type="secondary">{t('rules.filterActive')}</Typography.Text>
                <Switch size="small" checked={activeOnly} onChange={setActiveOnly} data-testid="rule-active-only" />
              </Space>
            }
          >
            <Table<RoutingRule>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={shown}
              loading={rules.isPending}
              pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('rules.empty') }}
              rowClassName={(r) => (r.isActive ? '' : 'dxe-row-inactive')}
              data-testid="rule-table"
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('rules.chartTitle')}>
            {routed.length === 0 ? (
              <Typography.Text type="secondary">{t('rules.chartEmpty')}</Typography.Text>
            ) : (
              <EChart
                ariaLabel={t('rules.chartTitle')}
                data-testid="chart-rule-routed"
                height={Math.max(160, routed.length * 28 + 40)}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 110, right: 24, top: 10, bottom: 24 },
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: { type: 'category', inverse: true, data: routed.map((r) => r.keyword) },
                  series: [{ type: 'bar', data: routed.map((r) => ({ value: r.routedRecently, itemStyle: { color: r.isActive ? '#1677ff' : '#bfbfbf' } })), barMaxWidth: 18 }],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      {/* Mounted per opening, keyed by the rule: the form starts from the rule's values every time. */}
      {modalOpen && <RuleModal key={editing?.id ?? 'new'} rule={editing} onClose={() => setModalOpen(false)} />}
    </>
  );
}
