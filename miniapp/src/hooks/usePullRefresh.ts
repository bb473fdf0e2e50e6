import Taro, { usePullDownRefresh } from '@tarojs/taro';

/**
 * WeChat's pull-down refresh on a list page (its config has `enablePullDownRefresh: true`): runs the
 * reloads, stops the spinner when they are done, and says so in a toast when one failed.
 */
export function usePullRefresh(...reloads: (() => Promise<string | null | void | boolean>)[]) {
  usePullDownRefresh(() => {
    Promise.all(reloads.map((r) => r()))
      .then((results) => {
        const failed = results.find((r) => typeof r === 'string');
        if (failed) Taro.showToast({ title: failed, icon: 'none', duration: 2500 });
      })
      .finally(() => Taro.stopPullDownRefresh());
  });
}
