import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { getUser } from '../../services/session';
import { logout } from '../../services/api';
import StaffGate from '../components/StaffGate';
import { STAFF_ROLES, type RoleKind } from '../../../../shared/domain';
import { useTextSize } from '../../hooks/useTextSize';

type Role = RoleKind;
const ALL = STAFF_ROLES;
const LINKS: { url: string; title: string; desc: string; roles: readonly Role[] }[] = [
  { url: '/staff/pages/checkin', title: '核销预约', desc: '扫码或输入核销码，今日核销可撤销', roles: ALL },
  { url: '/staff/pages/bookings', title: '预约名单', desc: '按日期、服务查找，代为核销或取消，导出表格', roles: ALL },
  { url: '/staff/pages/legal', title: '律师工作台', desc: '即将进行的法律咨询，记录结果', roles: ['legal', 'admin'] },
  { url: '/staff/pages/notice', title: '通知', desc: '发布、修改、撤回通知', roles: ALL },
  { url: '/staff/pages/stats', title: '数据与报表', desc: '今日人数，按日期和服务站统计，下载 Excel', roles: ALL },
  { url: '/staff/pages/closure', title: '暂停供餐', desc: '服务站某天停餐，取消预约并告知工友', roles: ALL },
  { url: '/staff/pages/manage', title: '管理服务', desc: '服务站、工作室、参观场次、律师时段', roles: ALL },
  { url: '/staff/pages/poster', title: '服务站海报', desc: '打印二维码海报，扫码直达预约', roles: ALL },
  { url: '/staff/pages/accounts', title: '账号管理', desc: '每人一个账号：新建、改角色、重设密码、停用', roles: ['admin'] },
  { url: '/staff/pages/audit', title: '操作记录', desc: '谁在什么时候做了什么', roles: ['admin'] },
];

export default function StaffHome() {
  const textSize = useTextSize();
  return (
    <StaffGate>
      <View className={`page staff-page ${textSize}`}>
        <Text className="muted">工作人员：{getUser()?.name ?? getUser()?.username ?? ''}</Text>
        {LINKS.filter((l) => l.roles.includes((getUser()?.role ?? 'staff') as Role)).map((l) => (
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
