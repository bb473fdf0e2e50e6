/** weapp: log in silently at launch (see app.tsx). */
import Taro from '@tarojs/taro';
import { api } from './api';
import { getToken } from './session';

export function autoLogin(): void {
  if (getToken()) return;
  Taro.login()
    .then(({ code }) => api.wechatLogin(code))
    .catch(() => undefined);
}
