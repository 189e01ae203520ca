import { Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DerivedProfile, DerivedTag } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';

const COLOURS: Record<string, string> = { size_class: 'blue', above_scale: 'gold', lifecycle_stage: 'green' };

function TagWithReason({ tag }: { tag: DerivedTag }) {
  const { i18n } = useTranslation('enterprises');
  const en = isEnglish(i18n.language);
  return (
    <li className="dxe-derived-tag" data-testid={`derived-tag-${tag.key}`}>
      {/* A tag the data cannot decide yet (value null) is grey. */}
      <Tag color={tag.value === null ? 'default' : (COLOURS[tag.key] ?? 'geekblue')} className="dxe-derived-tag-label">
        {en ? tag.labelEn : tag.labelZh}
      </Tag>
      <Typography.Text type="secondary" className="dxe-derived-tag-reason" data-testid={`derived-tag-reason-${tag.key}`}>
        {en ? tag.reasonEn : tag.reasonZh}
      </Typography.Text>
    </li>
  );
}

/**
 * The derived profile: size class (划型), 四上, life cycle and the other tags, each with the reason it
 * holds in the user's language ("小型：从业人员 85人（≥ 20人，< 300人）且 …").
 */
export function DerivedTags({ profile, isFiltered }: { profile: DerivedProfile | null; isFiltered: boolean }) {
  const { t, i18n } = useTranslation('enterprises');
  const all = profile ? [profile.sizeClass, profile.aboveScale, profile.lifecycleStage, ...profile.tags].filter((tag): tag is DerivedTag => tag !== null) : [];
  // Several facts can read the same when undecided ("无入规记录" for first entry, years held, exits): once.
  const seen = new Set<string>();
  const tags = all.filter((tag) => {
    const text = `${tag.labelZh}|${tag.reasonZh}`;
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return (
    <Card
      title={t('profile.derived.title')}
      extra={profile?.computedAt && <Typography.Text type="secondary">{t('profile.derived.computedAt', { time: formatDateTime(profile.computedAt, i18n.language) })}</Typography.Text>}
      data-testid="profile-derived-tags"
    >
      {tags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={profile ? (isFiltered ? t('profile.derived.hiddenAll') : t('profile.derived.none')) : t('profile.derived.notComputed')} />
      ) : (
        <ul className="dxe-derived-tags">
          {tags.map((tag) => (
            <TagWithReason key={tag.key} tag={tag} />
          ))}
        </ul>
      )}
    </Card>
  );
}
