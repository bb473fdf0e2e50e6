// Worker pages people open every day stay in the main package; staff pages are a subpackage
// so the main package stays small.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/meals/index',
    'pages/studios/index',
    'pages/legal/index',
    'pages/mine/index',
    'pages/notices/index',
    'pages/notices/detail',
    'pages/ask/index',
    'pages/voucher/index',
    'pages/privacy/index',
  ],
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/index',
        'pages/checkin',
        'pages/notice',
        'pages/manage',
        'pages/stats',
        'pages/poster',
        'pages/bookings',
        'pages/legal',
        'pages/closure',
        'pages/accounts',
        'pages/audit',
      ],
    },
  ],
  // The three everyday sections as WeChat's own tab bar (Taro draws the same bar on h5). Tab pages are
  // opened with switchTab (services/nav.ts keeps the same list); icons: scripts/tab-icons.ts.
  tabBar: {
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tab/notices.png', selectedIconPath: 'assets/tab/notices-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-on.png' },
    ],
  },
  // h5 only: no slide between pages. Taro's router hides the page left behind 350 ms after a push (the
  // animation), even when the worker has come back to it by then: a tab page shown again within that
  // time (back from a voucher opened from 我的) went blank. Without the animation it is hidden at once.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // WeChat's code-quality check (代码质量): inject only the components a page uses.
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy authorization: a protected API waits for our consent sheet (services/privacy.ts).
  __usePrivacyCheck__: true,
  // 离我最近 on the meal page: WeChat asks the worker with this sentence before getLocation.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于按距离显示附近的户外劳动者服务站' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '工友驿站',
    navigationBarTextStyle: 'white',
    // h5 too shows the title bar, whose title is the page's heading (app.tsx)
    navigationStyle: 'default',
    backgroundColor: '#f5f5f5',
  },
});
