const zhCN = {
  title: '账号设置',
  profile: {
    title: '基本信息',
    username: '用户名',
    displayName: '姓名',
    organisation: '所属机构',
    orgType: '机构类型',
    roles: '角色',
  },
  password: {
    title: '修改密码',
    current: '当前密码',
    currentRequired: '请输入当前密码',
    new: '新密码',
    newRequired: '请输入新密码',
    confirm: '确认新密码',
    confirmRequired: '请再次输入新密码',
    submit: '修改密码',
    success: '密码已修改',
    wrongCurrent: '当前密码不正确',
    hint: '至少 10 位，须同时包含字母和数字',
  },
};

const enUS: typeof zhCN = {
  title: 'Account settings',
  profile: {
    title: 'Profile',
    username: 'Username',
    displayName: 'Name',
    organisation: 'Organisation',
    orgType: 'Organisation type',
    roles: 'Roles',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    currentRequired: 'Please enter your current password',
    new: 'New password',
    newRequired: 'Please enter a new password',
    confirm: 'Confirm new password',
    confirmRequired: 'Please enter the new password again',
    submit: 'Change password',
    success: 'Your password has been changed',
    wrongCurrent: 'The current password is wrong',
    hint: 'At least 10 characters, with both letters and digits',
  },
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
