/**
 * 读取政策原文: the reading assistant on the policy editor. The official pastes the text or uploads a
 * .txt/.docx/.pdf; the server reads it (POST /api/policies/reading) and the panel shows the text with its
 * sentences highlighted by kind, the proposed conditions and amounts with their source sentence,
 * confidence and readable rendering, to accept, edit or reject one by one, and what was not understood.
 * Loaded lazily by the editor (default export), so neither it nor its strings are in the main bundle.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Progress, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../../api/client.ts';
import type { PolicyReading, ReadPolicyTextInput } from '../../../../../api/types.ts';
import { useErrorText } from '../../../../../app/errors.ts';
import type { Benefit, RuleNode } from '../../../../../../core/rules/schema.ts';
import { benefitTextWith, ruleTextWithCondition, withoutStaleClause } from './draft-glue.ts';
import './reading.css';

type Kind = PolicyReading['sentences'][number]['kind'];
const KINDS: readonly Kind[] = ['condition', 'exclusion', 'amount', 'period', 'materials', 'other'];
const MAX_CHARS = 200_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ReadingPanelProps {
  /** The editor's "policy text" field, offered as the text to read. */
  sourceText: string;
  getRuleText(): string;
  setRuleText(text: string): void;
  getBenefitText(): string;
  setBenefitText(text: string): void;
}

type Decision = 'accepted' | 'rejected';

function toBase64(buffer: ArrayBuffer): string {
  let binary = '';
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function ReadingPanel({ sourceText, getRuleText, setRuleText, getBenefitText, setBenefitText }: ReadingPanelProps) {
  const { t, i18n } = useTranslation('reading');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'paste' | 'upload'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [editing, setEditing] = useState<{ id: string; kind: 'condition' | 'benefit'; json: string; proposed: unknown } | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const en = i18n.language.startsWith('en');

  const read = useMutation({
    mutationFn: (input: ReadPolicyTextInput) => api.post<PolicyReading>('/api/policies/reading', input),
    onSuccess: () => setDecisions({}),
  });
  const result = read.data;

  const start = () => {
    if (mode === 'paste') {
      if (text.trim() === '') return void message.warning(t('empty'));
      if (text.length > MAX_CHARS) return void message.warning(t('tooLong'));
      read.mutate({ text });
    } else {
      if (!file) return void message.warning(t('empty'));
      read.mutate({ file });
    }
  };

  const acceptCondition = (id: string, node: unknown) => {
    const anyOf = result?.conditions.find((c) => c.id === id)?.anyOf;
    const out = ruleTextWithCondition(getRuleText(), node as RuleNode, anyOf?.clause);
    if (!out.ok) return void message.error(t('badRuleJson'));
    setRuleText(out.text);
    setDecisions((d) => ({ ...d, [id]: 'accepted' }));
    void message.success(t('acceptedCondition'));
  };
  const acceptBenefit = (id: string, benefit: unknown) => {
    const out = benefitTextWith(getBenefitText(), benefit as Benefit);
    if (!out.ok) return void message.error(t('badBenefitJson'));
    setBenefitText(out.text);
    setDecisions((d) => ({ ...d, [id]: 'accepted' }));
    void message.success(t('acceptedBenefit'));
  };
  const reject = (id: string) => setDecisions((d) => ({ ...d, [id]: 'rejected' }));
  const undo = (id: string) =>
    setDecisions((d) => {
      const { [id]: _, ...rest } = d;
      return rest;
    });

  // The text cut into runs: each sentence coloured by its kind, the rest plain.
  const runs = useMemo(() => {
    if (!result) return [];
    const out: { text: string; kind: Kind | null; key: number }[] = [];
    let at = 0;
    result.sentences.forEach((s, i) => {
      if (s.start > at) out.push({ text: result.text.slice(at, s.start), kind: null, key: -i - 1 });
      out.push({ text: result.text.slice(s.start, s.end), kind: s.kind, key: i });
      at = s.end;
    });
    if (at < result.text.length) out.push({ text: result.text.slice(at), kind: null, key: -100000 });
    return out;
  }, [result]);

  const sentenceText = (index: number) => {
    const s = result?.sentences[index];
    return s && result ? result.text.slice(s.start, s.end) : '';
  };

  const actions = (id: string, kind: 'condition' | 'benefit', value: unknown) => {
    const decision = decisions[id];
    if (decision) {
      return [
        <Tag key="state" color={decision === 'accepted' ? 'success' : 'default'}>
          {t(decision)}
        </Tag>,
        <Button key="undo" size="small" type="link" icon={<UndoOutlined />} onClick={() => undo(id)} disabled={decision === 'accepted'}>
          {t('undo')}
        </Button>,
      ];
    }
    return [
      <Button key="accept" size="small" type="primary" icon={<CheckOutlined />} data-testid={`reading-accept-${id}`} onClick={() => (kind === 'condition' ? acceptCondition(id, value) : acceptBenefit(id, value))}>
        {t('accept')}
      </Button>,
      <Button key="edit" size="small" icon={<EditOutlined />} data-testid={`reading-edit-${id}`} onClick={() => { setEditError(null); setEditing({ id, kind, json: JSON.stringify(value, null, 2), proposed: value }); }}>
        {t('edit')}
      </Button>,
      <Button key="reject" size="small" icon={<CloseOutlined />} data-testid={`reading-reject-${id}`} onClick={() => reject(id)}>
        {t('reject')}
      </Button>,
    ];
  };

  const confidence = (value: number) => (
    <Space size={4}>
      <Typography.Text type="secondary">{t('confidence')}</Typography.Text>
      <Progress percent={Math.round(value * 100)} size="small" steps={5} strokeColor={value >= 0.8 ? '#52c41a' : value >= 0.6 ? '#faad14' : '#ff4d4f'} />
    </Space>
  );

  return (
    <div className="reading-panel" data-testid="reading-panel">
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'paste' | 'upload')}
        options={[
          { value: 'paste', label: t('paste') },
          { value: 'upload', label: t('upload') },
        ]}
        style={{ marginBottom: 8 }}
      />
      {mode === 'paste' ? (
        <>
          <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('placeholder')} maxLength={MAX_CHARS} showCount data-testid="reading-text" />
          {sourceText.trim() !== '' && (
            <Button type="link" onClick={() => setText(sourceText)} style={{ paddingLeft: 0 }}>
              {t('useSourceText')}
            </Button>
          )}
        </>
      ) : (
        <Upload.Dragger
          accept=".txt,.docx,.pdf"
          maxCount={1}
          beforeUpload={async (f) => {
            if (f.size > MAX_FILE_BYTES) {
              void message.warning(t('uploadHint'));
              return Upload.LIST_IGNORE;
            }
            setFile({ name: f.name, contentBase64: toBase64(await f.arrayBuffer()) });
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('upload')}</p>
          <p className="ant-upload-hint">{t('uploadHint')}</p>
        </Upload.Dragger>
      )}
      <div style={{ margin: '8px 0 16px' }}>
        <Button type="primary" onClick={start} loading={read.isPending} data-testid="reading-start">
          {read.isPending ? t('reading') : t('read')}
        </Button>
      </div>
      {read.isError && <Alert type="error" showIcon title={t('failed', { error: errorText(read.error) })} style={{ marginBottom: 12 }} />}

      {result && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('summary', { sentences: result.sentences.length, conditions: result.conditions.length, benefits: result.benefits.length, missing: result.notUnderstood.length })}
          />
          <Space wrap style={{ marginBottom: 8 }} aria-label={t('legend')}>
            <Typography.Text type="secondary">{t('legend')}:</Typography.Text>
            {KINDS.map((k) => (
              <span key={k} className={`reading-kind reading-kind-${k}`}>
                {t(`kinds.${k}`)}
              </span>
            ))}
          </Space>
          <Card size="small" className="reading-text" data-testid="reading-highlighted">
            {runs.map((run) =>
              run.kind ? (
                <mark key={run.key} className={`reading-kind reading-kind-${run.kind}`} title={t(`kinds.${run.kind}`)}>
                  {run.text}
                </mark>
              ) : (
                <span key={run.key}>{run.text}</span>
              ),
            )}
          </Card>

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('conditionsTitle')}
          </Typography.Title>
          {result.conditions.length === 0 ? (
            <Empty description={t('noneConditions')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={result.conditions}
              data-testid="reading-conditions"
              renderItem={(c) => (
                <List.Item key={c.id} actions={actions(c.id, 'condition', c.node)} className={decisions[c.id] === 'rejected' ? 'reading-rejected' : undefined}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {c.exclusion && <Tag color="red">{t('exclusion')}</Tag>}
                        {c.anyOf && <Tag color="blue">{t('anyOf')}</Tag>}
                        <pre className="reading-rendered">{en ? c.rendered.en : c.rendered.zh}</pre>
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={2}>
                        <Typography.Text type="secondary">
                          {t('source')}：{sentenceText(c.sentence)}
                        </Typography.Text>
                        {confidence(c.confidence)}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('benefitsTitle')}
          </Typography.Title>
          {result.benefits.length === 0 ? (
            <Empty description={t('noneBenefits')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={result.benefits}
              data-testid="reading-benefits"
              renderItem={(b) => (
                <List.Item key={b.id} actions={actions(b.id, 'benefit', b.benefit)} className={decisions[b.id] === 'rejected' ? 'reading-rejected' : undefined}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{en ? b.rendered.en : b.rendered.zh}</span>
                        {b.upTo && <Tag color="gold">{t('upTo')}</Tag>}
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={2}>
                        <Typography.Text type="secondary">
                          {t('source')}：{sentenceText(b.sentence)}
                        </Typography.Text>
                        {confidence(b.confidence)}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('missingTitle')}
          </Typography.Title>
          {result.notUnderstood.length === 0 ? (
            <Empty description={t('noneMissing')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={result.notUnderstood}
              data-testid="reading-missing"
              renderItem={(n, i) => (
                <List.Item key={i}>
                  <List.Item.Meta title={<mark className="reading-kind reading-kind-other">{n.text}</mark>} description={`${t(`reasons.${n.reason}`)} · ${t('source')}：${sentenceText(n.sentence)}`} />
                </List.Item>
              )}
            />
          )}
        </>
      )}

      <Modal
        open={editing !== null}
        title={t('editTitle')}
        okText={t('save')}
        cancelText={t('cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => {
          if (!editing) return;
          let value: unknown;
          try {
            value = JSON.parse(editing.json);
          } catch {
            setEditError(t('editInvalid'));
            return;
          }
          if (editing.kind === 'condition') acceptCondition(editing.id, withoutStaleClause(editing.proposed, value));
          else acceptBenefit(editing.id, value);
          setEditing(null);
        }}
      >
        <Typography.Paragraph type="secondary">{t('editHint')}</Typography.Paragraph>
        <Input.TextArea rows={12} value={editing?.json ?? ''} onChange={(e) => setEditing((ed) => (ed ? { ...ed, json: e.target.value } : ed))} className="reading-json" data-testid="reading-edit-json" />
        {editError && <Alert type="error" showIcon title={editError} style={{ marginTop: 8 }} />}
      </Modal>
    </div>
  );
}
