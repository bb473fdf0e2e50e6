import { Button } from '@tarojs/components';

/**
 * 「问工会」: opens WeChat's own 客服 chat with the mini-program (open-type="contact"). Messages there
 * are pushed to the bot's /wechat/kf, which answers with the same rules as the groups (bot/README.md).
 * weapp only: the h5 build has no 客服 chat.
 */
export default function AskUnionButton({ from = 'ask' }: { from?: string }) {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <Button className="btn btn-plain" openType="contact" sessionFrom={from}>
      问工会（在微信里和工友小助手聊）
    </Button>
  );
}
