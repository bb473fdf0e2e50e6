import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import { api, errorText } from '../services/api';
import Notice from './Notice';

/**
 * weapp only: asks for the reminder and notice subscribe messages. WeChat allows the request only
 * from a user's tap, and each one-time opt-in allows one message, so we ask after each booking.
 */
export default function SubscribeButton() {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'error'>('idle');
  const [msg, setMsg] = useState('');
  if (process.env.TARO_ENV !== 'weapp') return null;

  async function ask() {
    setState('busy');
    try {
      const { subscribeTemplates: t } = await api.publicConfig();
      const ids = [t.reminder, t.notice].filter((x): x is string => !!x);
      if (ids.length === 0) {
        setState('error');
        setMsg('暂未开通消息提醒');
        return;
      }
      const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as any)) as Record<string, string>;
      const accepted = (id?: string) => !!id && res[id] === 'accept';
      if (accepted(t.reminder)) await api.subscribe([t.reminder!], 'reminder');
      if (accepted(t.notice)) await api.subscribe([t.notice!], 'notice');
      setState('done');
      setMsg(accepted(t.reminder) || accepted(t.notice) ? '已开启提醒，预约前一天会通知您' : '您没有开启提醒');
    } catch (e) {
      setState('error');
      setMsg(errorText(e));
    }
  }

  if (state === 'done' || state === 'error') return <Notice kind={state === 'done' ? 'ok' : 'info'}>{msg}</Notice>;
  return (
    <Button className="btn btn-plain" loading={state === 'busy'} onClick={ask}>
      开启预约提醒
    </Button>
  );
}
