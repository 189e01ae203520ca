import type { ThemeConfig } from 'antd';

/** Government-service blue, with the seal red kept for the brand mark and a few accents. */
export const BRAND_BLUE = '#1a56c4';
export const BRAND_NAVY = '#0d2f6e';
export const SEAL_RED = '#c8102e';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: BRAND_NAVY,
      headerHeight: 56,
      headerPadding: '0 16px',
      siderBg: '#ffffff',
      bodyBg: '#f3f5f9',
    },
  },
};
