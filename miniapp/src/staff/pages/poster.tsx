import { useEffect, useState } from 'react';
import { View, Text, Image, Button } from '@tarojs/components';
import { api, errorText, fileUrl } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { usePageParams } from '../../services/params';
import Chips from '../../components/Chips';
import StateView from '../../components/StateView';
import Notice from '../../components/Notice';
import StaffGate from '../components/StaffGate';
import { useTextSize } from '../../hooks/useTextSize';

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
  }, [id]);

  return (
    <View className={`page ${textSize}`}>
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
      {process.env.TARO_ENV === 'h5' && station && (
        <Button className="btn btn-primary no-print" onClick={() => window.print()}>
          打印海报
        </Button>
      )}
    </View>
  );
}
