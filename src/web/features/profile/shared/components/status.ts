import type { EnterpriseStatus, SizeClass } from '../../../../api/types.ts';

export const STATUS_COLOURS: Record<EnterpriseStatus, string> = {
  operating: 'green',
  suspended: 'orange',
  cancelled: 'default',
  revoked: 'red',
  moved_out: 'default',
};

export const SIZE_COLOURS: Record<SizeClass, string> = { large: 'magenta', medium: 'purple', small: 'blue', micro: 'cyan' };
