import { Button } from '@tarojs/components';
import { api, errorText } from '../services/api';
import { useBusy } from '../hooks/useBusy';
import { toastDone, toastText } from '../services/feedback';

/**
 * weapp only, optional: 「微信手机号快捷填写」. WeChat's getPhoneNumber button hands over a one-time
 * code; the server exchanges it (`POST /api/auth/wechat-phone`) and the number fills the field,
 * where the worker can still change it. Typing the number works as before.
 */
export default function WechatPhoneButton({ onPhone }: { onPhone: (phone: string) => void }) {
  const { busy, run } = useBusy();
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <Button
      className="btn btn-plain btn-inline btn-wxphone"
      openType="getPhoneNumber"
      loading={busy}
      disabled={busy}
      onGetPhoneNumber={(e) => {
        const code = (e.detail as { code?: string }).code;
        // declined, or a base library too old to give a code: the field stays for typing
        if (!code) return toastText('未获取手机号，请直接输入');
        run(async () => {
          try {
            const { phone } = await api.wechatPhone(code);
            onPhone(phone);
            toastDone('已填入手机号');
          } catch (err) {
            toastText(errorText(err));
          }
        });
      }}
    >
      微信手机号快捷填写
    </Button>
  );
}
