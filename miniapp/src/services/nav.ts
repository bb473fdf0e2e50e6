import Taro from '@tarojs/taro';

/** The tab bar's pages (app.config.ts `tabBar.list`): WeChat opens them only with switchTab, without a query. */
export const TAB_PAGES = ['pages/index/index', 'pages/notices/index', 'pages/mine/index'] as const;

const pathOf = (url: string) => url.replace(/^\//, '').split('?')[0]!;

export const isTabPage = (url: string) => (TAB_PAGES as readonly string[]).includes(pathOf(url));

/**
 * Opens a page from anywhere: a tab page by switchTab (navigateTo refuses them on weapp), any
 * other by navigateTo, and by redirectTo when WeChat's 10-page stack is full.
 */
export function openPage(url: string): Promise<unknown> {
  if (isTabPage(url)) return Taro.switchTab({ url: `/${pathOf(url)}` });
  const full = `/${url.replace(/^\//, '')}`;
  return Taro.navigateTo({ url: full }).catch(() => Taro.redirectTo({ url: full }));
}
