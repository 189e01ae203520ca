const zhCN = {
  greeting: '您好，{{name}}',
  intro: {
    portal: '这里是您的企业服务门户：政策、融资、诉求将在这里为您集中办理。',
    gov: '这里是政务工作台：政策发布、诉求办理、联企走访等工作将在这里开展。',
    bank: '这里是银行工作台：金融产品、授信申请将在这里办理。',
    provider: '这里是服务机构工作台：服务诉求将在这里承接办理。',
  },
  organisation: '所属机构',
  orgType: '机构类型',
  roles: '角色',
  username: '用户名',
  yourWork: '我的工作',
};

const enUS: typeof zhCN = {
  greeting: 'Hello, {{name}}',
  intro: {
    portal: 'This is your enterprise portal: policies, finance and your demands will all be handled here.',
    gov: 'This is the government console: publishing policies, handling demands and visiting enterprises happen here.',
    bank: 'This is the bank workbench: loan products and credit applications are handled here.',
    provider: 'This is the provider workbench: service demands assigned to you are handled here.',
  },
  organisation: 'Organisation',
  orgType: 'Organisation type',
  roles: 'Roles',
  username: 'Username',
  yourWork: 'Your work',
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
