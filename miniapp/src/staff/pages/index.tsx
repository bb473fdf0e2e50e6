import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { getUser } from '../../services/session';
import { logout } from '../../services/api';
import StaffGate from '../components/StaffGate';

const LINKS = [
  { url: '/staff/pages/checkin', title: '核销预约', desc: '扫码或输入核销码' },
  { url: '/staff/pages/notice', title: '发布通知', desc: '会员在「通知」中立即可见' },
  { url: '/staff/pages/stats', title: '今日数据', desc: '各服务站预约、核销人数，导出表格' },
  { url: '/staff/pages/manage', title: '管理服务', desc: '服务站、工作室、参观场次、律师时段' },
  { url: '/staff/pages/poster', title: '服务站海报', desc: '打印二维码海报，扫码直达预约' },
];

export default function StaffHome() {
  return (
    <StaffGate>
      <View className="page">
        <Text className="muted">工作人员：{getUser()?.name ?? getUser()?.username ?? ''}</Text>
        {LINKS.map((l) => (
          <View key={l.url} className="card service" onClick={() => Taro.navigateTo({ url: l.url })}>
            <Text className="service-title">{l.title}</Text>
            <Text className="muted">{l.desc}</Text>
          </View>
        ))}
        <Button className="btn btn-plain" onClick={() => logout()}>
          退出登录
        </Button>
      </View>
    </StaffGate>
  );
}
