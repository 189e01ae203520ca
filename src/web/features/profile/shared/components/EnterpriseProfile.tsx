import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, WarningOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, type EnterpriseDetail, type IndicatorValue } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { categoryName, localName } from '../../../../lib/indicator-values.ts';
import { useEnterpriseTags, useIndicatorCatalogue } from '../api/useReferenceData.ts';
import { RecordsCard } from '../../../records/components/RecordsCard.tsx';
import { CertificationsCard } from './CertificationsCard.tsx';
import { CompletenessCard } from './CompletenessCard.tsx';
import { DerivedTags } from './DerivedTags.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { RegistryFacts } from './RegistryFacts.tsx';
import { STATUS_COLOURS } from './status.ts';
import './profile.css';

// ECharts is heavy; the charts load after the rest of the profile is on screen.
const ProfileCharts = lazy(() => import('./ProfileCharts.tsx'));

/** If the charts' chunk fails to load (a flaky network), the rest of the profile stays; the card says so. */
class ChartsBoundary extends Component<{ fallback: (retry: () => void) => ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}

interface EnterpriseProfileProps {
  enterprise: EnterpriseDetail;
  indicators: UseQueryResult<IndicatorValue[]>;
  /** Actions in the page header (back, correct, …). */
  extra?: ReactNode;
  onDispute?: (row: IndicatorValue) => void;
  onCorrect?: (row: IndicatorValue) => void;
  /** More sections below the profile (the enterprise's own disputes). */
  children?: ReactNode;
}

/**
 * The enterprise profile, one component for the government console, the enterprise portal and the bank
 * and provider workbenches: header, registry facts, derived tags with their reasons, completeness, charts,
 * indicators and certifications. What the caller may not see (a bank without a category's consent) is
 * named as hidden, never shown as a blank.
 */
export function EnterpriseProfile({ enterprise, indicators, extra, onDispute, onCorrect, children }: EnterpriseProfileProps) {
  const { t, i18n } = useTranslation('enterprises');
  const errorText = useErrorText();
  const tagNames = useEnterpriseTags();
  const catalogue = useIndicatorCatalogue();
  const language = i18n.language;

  const hidden = DATA_CATEGORIES.filter((category) => !enterprise.access.categories.includes(category));
  const tagName = (tag: string) => {
    const entry = tagNames.data?.find((item) => item.tag === tag);
    return entry ? localName(entry, language) : tag;
  };

  return (
    <div className="dxe-profile" data-testid="enterprise-profile">
      <PageHeader title={enterprise.name} extra={extra} />
      <Card className="dxe-profile-header" data-testid="profile-header">
        <Space size={[8, 8]} wrap align="center">
          <Typography.Text copyable={{ text: enterprise.uscc }} className="dxe-uscc" data-testid="profile-uscc">
            {enterprise.uscc}
          </Typography.Text>
          <Tag color={STATUS_COLOURS[enterprise.status]} data-testid="profile-status">
            {t(`status.${enterprise.status}`)}
          </Tag>
          {enterprise.usccStatus === 'checksum_override' && (
            <Tooltip title={t('profile.usccOverrideHint')}>
              <Tag icon={<WarningOutlined />} color="warning">
                {t('profile.usccOverride')}
              </Tag>
            </Tooltip>
          )}
        </Space>
        {enterprise.tags.length > 0 && (
          <div className="dxe-profile-tags" data-testid="profile-tags">
            {enterprise.tags.map((tag) => (
              <Tag key={tag} color="blue" data-testid={`profile-tag-${tag}`}>
                {tagName(tag)}
              </Tag>
            ))}
          </div>
        )}
      </Card>

      {hidden.length > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<EyeInvisibleOutlined />}
          className="dxe-profile-section"
          title={t('profile.hidden.title')}
          description={
            <span data-testid="profile-hidden-categories">
              {t('profile.hidden.description')}
              <Space size={[4, 4]} wrap style={{ marginTop: 6, display: 'flex' }}>
                {hidden.map((category) => (
                  <Tag key={category} data-testid={`hidden-category-${category}`}>
                    {categoryName(category, language)}
                  </Tag>
                ))}
              </Space>
            </span>
          }
        />
      )}

      <Row gutter={[16, 16]} className="dxe-profile-section">
        <Col xs={24} lg={16}>
          <RegistryFacts enterprise={enterprise} />
        </Col>
        <Col xs={24} lg={8}>
          <CompletenessCard completeness={enterprise.profile?.completeness ?? null} catalogue={catalogue.data} />
        </Col>
        <Col xs={24}>
          <DerivedTags profile={enterprise.profile} isFiltered={hidden.length > 0} />
        </Col>
        <Col xs={24}>
          <Card title={t('profile.charts.title')} data-testid="profile-charts">
            {indicators.isPending ? (
              <Skeleton active />
            ) : indicators.isError ? (
              <Typography.Text type="danger">{errorText(indicators.error)}</Typography.Text>
            ) : (
              <ChartsBoundary
                fallback={() => (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('profile.charts.loadFailed')}
                    action={
                      <Button size="small" onClick={() => window.location.reload()}>
                        {t('profile.charts.reload')}
                      </Button>
                    }
                    data-testid="profile-charts-error"
                  />
                )}
              >
                <Suspense fallback={<Skeleton active />}>
                  <ProfileCharts values={indicators.data} categories={enterprise.access.categories} />
                </Suspense>
              </ChartsBoundary>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('profile.indicators.title')} data-testid="profile-indicators">
            <IndicatorTable
              values={indicators.data}
              isLoading={indicators.isFetching}
              loadError={indicators.isError ? indicators.error : null}
              catalogue={catalogue.data}
              onRetry={() => void indicators.refetch()}
              onDispute={onDispute}
              onCorrect={onCorrect}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <CertificationsCard certifications={enterprise.certifications} isGranted={enterprise.access.categories.includes('innovation')} />
        </Col>
        <Col xs={24}>
          <RecordsCard enterpriseId={enterprise.id} />
        </Col>
        {children && <Col xs={24}>{children}</Col>}
      </Row>
    </div>
  );
}
