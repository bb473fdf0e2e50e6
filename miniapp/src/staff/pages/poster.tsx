import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image, Button } from '@tarojs/components';
import { api, errorText, fileUrl } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams } from '../../services/params';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import Notice from '../../components/Notice';
import StaffGate from '../components/StaffGate';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { dateLabel } from '../../services/dates';
import { toastDone, toastText } from '../../services/feedback';

/** A printable poster: scanning its code opens that station's booking page. */
export default function Poster() {
  return (
    <StaffGate>
      <PosterBody />
    </StaffGate>
  );
}

/** Rendered only inside StaffGate, so the staff-only QR code is fetched after the login. */
function PosterBody() {
  const textSize = useTextSize();
  const params = usePageParams();
  const stations = useAsync(() => api.stations(), []);
  const list = stations.data?.stations ?? [];
  const [id, setId] = useState(params.station ?? '');
  const [img, setImg] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; kind: 'urllink' | 'h5'; expiresAt: string | null } | null>(null);
  const station = list.find((s) => s.id === id);

  useEffect(() => {
    if (!id && list.length) setId(list[0].id);
  }, [list.length]);

  useEffect(() => {
    if (!id) return;
    setImg('');
    setError(null);
    fileUrl(api.qrcodeUrl('pages/meals/index', `station=${id}`))
      .then(setImg)
      .catch((e) => setError(errorText(e)));
    // the same page as a link for work-group chats (a WeChat URL Link opens the mini-program)
    setLink(null);
    api
      .pageLink(`pages/meals/index?station=${id}`)
      .then(setLink)
      .catch(() => setLink(null));
  }, [id]);

  const copy = (url: string) =>
    Taro.setClipboardData({ data: url })
      .then(() => toastDone('已复制'))
      .catch(() => toastText('复制失败，请长按链接复制'));

  return (
    <View className={`page ${textSize}`}>
      {/* setClipboardData waits for the privacy consent */}
      <PrivacyConsent />
      <View className="no-print">
        <StateView loading={stations.loading} error={stations.error} empty={list.length === 0} emptyText="还没有服务站" onRetry={stations.reload}>
          <Chips options={list.map((s) => ({ value: s.id, label: s.name }))} value={id} onChange={setId} />
        </StateView>
      </View>
      {station && (
        <View className="poster">
          <Text className="poster-title">10元爱心餐</Text>
          <Text className="poster-station">{station.name}</Text>
          <Text className="line">供餐时间 {station.hours}</Text>
          <Text className="line">{station.address}</Text>
          {img ? (
            <View className="poster-qr">
              {/* Taro's h5 Image crops a blob PNG; a plain <img> shows it whole. */}
              {process.env.TARO_ENV === 'h5' ? <img className="poster-img" src={img} alt="预约二维码" /> : <Image className="poster-img" src={img} mode="aspectFit" />}
            </View>
          ) : (
            !error && <View className="state">正在生成二维码…</View>
          )}
          <Text className="poster-hint">微信扫一扫，预约爱心餐</Text>
          <Text className="muted">工友驿站 · 工会为您服务</Text>
        </View>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {station && link && (
        <View className="card no-print">
          <Text className="card-title">发到工作群的链接</Text>
          <Text className="share-link" userSelect>
            {link.url}
          </Text>
          <Text className="muted">
            {link.kind === 'urllink'
              ? `工友在微信里点开直接进入小程序的预约页${link.expiresAt ? `，${dateLabel(shanghaiDay(link.expiresAt))}前有效` : ''}`
              : '在手机浏览器打开预约页（服务器配置微信后会换成直接打开小程序的链接）'}
          </Text>
          <Button className="btn btn-plain" onClick={() => copy(link.url)}>
            复制链接
          </Button>
        </View>
      )}
      {process.env.TARO_ENV === 'h5' && station && (
        <Button className="btn btn-primary no-print" onClick={() => window.print()}>
          打印海报
        </Button>
      )}
    </View>
  );
}

/** The Asia/Shanghai calendar day of an instant (dateLabel takes a day). */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
