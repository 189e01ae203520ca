const zhCN = {
  title: '账号登录',
  subtitle: '欢迎使用{{name}}',
  username: '用户名',
  usernamePlaceholder: '请输入用户名',
  usernameRequired: '请输入用户名',
  password: '密码',
  passwordPlaceholder: '请输入密码',
  passwordRequired: '请输入密码',
  submit: '登录',
  submitting: '正在登录…',
  motto: {
    line1: '为你铺“垫”，心甘情愿',
    line2: '事无大“小”，马上就办',
    line3: '说一不“二”，坚决兑现',
  },
  // What the platform does, each part a module of it: county matching and 免申即享, the 金融超市 and its banks,
  // demands with working-day deadlines (no promise the platform does not keep).
  pitch: '政策主动匹配 · 金融超市对接银行 · 诉求限时办理',
  footer: '县人民政府主办 · 企业服务云平台',
  sessionExpired: '登录已过期，请重新登录',
};

const enUS: typeof zhCN = {
  title: 'Log in',
  subtitle: 'Welcome to {{name}}',
  username: 'Username',
  usernamePlaceholder: 'Enter your username',
  usernameRequired: 'Please enter your username',
  password: 'Password',
  passwordPlaceholder: 'Enter your password',
  passwordRequired: 'Please enter your password',
  submit: 'Log in',
  submitting: 'Logging in…',
  motto: {
    line1: 'We smooth the way for you, gladly',
    line2: 'No matter too small: done right away',
    line3: 'Our word is our bond: promises kept',
  },
  pitch: 'Policies matched to you · banks through the finance marketplace · demands handled within set deadlines',
  footer: 'Run by the County People’s Government · Enterprise Service Cloud',
  sessionExpired: 'Your session has expired. Please log in again',
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
