import { SEAL_RED } from '../app/theme.ts';

/** The red seal with 垫, the platform's mark. Decorative: the platform name is always written beside it. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" style={{ flex: 'none' }}>
      <rect width="32" height="32" rx="6" fill={SEAL_RED} />
      <rect x="2.5" y="2.5" width="27" height="27" rx="4" fill="none" stroke="#fff" strokeOpacity="0.55" strokeWidth="1" />
      <text x="16" y="22.5" fontSize="18" fontWeight="700" textAnchor="middle" fill="#fff" fontFamily="'PingFang SC','Microsoft YaHei',sans-serif">
        垫
      </text>
    </svg>
  );
}
