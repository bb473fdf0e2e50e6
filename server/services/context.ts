import type { BookingPolicy } from '../../shared/booking/index.js';
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import type { WechatClient } from '../wechat.js';

/** What every service needs: the store, the clock (tests fix it), the policy and config. */
export interface ServiceContext {
  store: Store;
  now: () => Date;
  policy: BookingPolicy;
  config: Config;
  wechat: WechatClient | null;
}
