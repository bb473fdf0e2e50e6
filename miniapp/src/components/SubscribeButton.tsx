import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import { api, errorText, type PublicConfig } from '../services/api';
import Notice from './Notice';

/**
 * weapp only: asks for the reminder and notice subscribe messages. WeChat allows
 * requestSubscribeMessage only synchronously inside a user's tap ("can only be invoked by user TAP
 * gesture"), so the template ids are loaded when the button mounts and the tap asks at once; the
 * opt-ins are recorded with POST /api/subscriptions afterwards. Each one-time opt-in allows one
 * message, so we ask after each booking.
 */
export default function SubscribeButton() {
  const weapp = process.env.TARO_ENV === 'weapp';
  const [templates, setTemplates] = useState<PublicConfig['subscribeTemplates'] | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'error'>('idle');
  const [msg, setMsg] = useState('');

  useEffect(() => {
    if (!weapp) return;
    let live = true;
    api
      .publicConfigOnce()
      .then((c) => live && setTemplates(c.subscribeTemplates ?? {}))
      .catch(() => live && setTemplates({}));
    return () => {
      live = false;
    };
  }, [weapp]);

  if (!weapp) return null;

  function ask() {
    const t = templates ?? {};
    const ids = [t.reminder, t.notice].filter((x): x is string => !!x);
    if (ids.length === 0) {
      setState('error');
      setMsg('暂未开通消息提醒');
      return;
    }
    // Called synchronously in the tap handler: nothing may be awaited before this line.
    const asked = Taro.requestSubscribeMessage({ tmplIds: ids } as any) as Promise<Record<string, string>>;
    setState('busy');
    asked
      .then(async (res) => {
        const accepted = (id?: string) => !!id && res[id] === 'accept';
        if (accepted(t.reminder)) await api.subscribe([t.reminder!], 'reminder');
        if (accepted(t.notice)) await api.subscribe([t.notice!], 'notice');
        setState('done');
        setMsg(accepted(t.reminder) || accepted(t.notice) ? '已开启提醒，预约前一天会通知您' : '您没有开启提醒');
      })
      .catch((e) => {
        setState('error');
        setMsg(e && typeof e === 'object' && 'errMsg' in e ? '没有开启提醒，可以稍后再试' : errorText(e));
      });
  }

  if (state === 'done' || state === 'error') return <Notice kind={state === 'done' ? 'ok' : 'info'}>{msg}</Notice>;
  return (
    <Button className="btn btn-plain" loading={state === 'busy' || !templates} disabled={!templates} onClick={ask}>
      开启预约提醒
    </Button>
  );
}
