import { describe, expect, it } from 'vitest';
import { attachmentProblem, fieldLabel } from './attachments.ts';

describe('attachments', () => {
  it('takes the server’s file types up to 20 MB', () => {
    expect(attachmentProblem({ name: '申请报告.PDF', size: 1000 })).toBeNull();
    expect(attachmentProblem({ name: 'scan.jpeg', size: 20 * 1024 * 1024 })).toBeNull();
    expect(attachmentProblem({ name: 'scan.jpeg', size: 20 * 1024 * 1024 + 1 })).toBe('fileTooLarge');
    expect(attachmentProblem({ name: 'report.doc', size: 10 })).toBe('fileType');
    expect(attachmentProblem({ name: 'noextension', size: 10 })).toBe('fileType');
  });

  it('labels a field in the user’s language', () => {
    expect(fieldLabel({ labelZh: '收款账户', labelEn: 'Bank account' }, 'en-US')).toBe('Bank account');
    expect(fieldLabel({ labelZh: '收款账户', labelEn: 'Bank account' }, 'zh-CN')).toBe('收款账户');
  });
});
