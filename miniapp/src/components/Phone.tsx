import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { HOTLINES } from '../../../shared/domain';

/** What a dialer needs of a number as written (「0571-85100001」 → 057185100001). */
const dialable = (n: string) => n.replace(/[^\d+]/g, '');

/**
 * A number to tap and call: WeChat's makePhoneCall on weapp, a real tel: link on h5 (a browser
 * offers to call it; makePhoneCall on h5 would only change the address).
 */
export function PhoneLink({ number, children }: { number: string; children?: React.ReactNode }) {
  if (process.env.TARO_ENV === 'h5')
    return (
      <a className="tel" href={`tel:${dialable(number)}`}>
        {children ?? number}
      </a>
    );
  return (
    <Text className="tel" onClick={() => Taro.makePhoneCall({ phoneNumber: dialable(number) }).catch(() => undefined)}>
      {children ?? number}
    </Text>
  );
}

const HOTLINE_RE = new RegExp(`(${HOTLINES.join('|')})`);

/** Text in which 12351 and 12333 become tap-to-call links (answers, hints, empty states). */
export function TelText({ text, className }: { text: string; className?: string }) {
  const parts = text.split(HOTLINE_RE);
  return (
    <Text className={className}>
      {parts.map((p, i) => (i % 2 === 1 ? <PhoneLink key={i} number={p} /> : p))}
    </Text>
  );
}
