import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { LEGAL_RETENTION_DAYS_DEFAULT } from '../../../../shared/domain';
import { api } from '../../services/api';
import { AGREE_BUTTON_ID, settlePrivacy } from '../../services/privacy';
import { useTextSize } from '../../hooks/useTextSize';
import { PhoneLink } from '../../components/Phone';
import PrivacyConsent from '../../components/PrivacyConsent';
import { openPage } from '../../services/nav';

/**
 * 隐私保护指引: what the app collects, why, how long, how to erase it. The number of days comes from
 * the server (LEGAL_RETENTION_DAYS), shared/domain's default until it answers.
 */
export default function Privacy() {
  const textSize = useTextSize();
  const [days, setDays] = useState(LEGAL_RETENTION_DAYS_DEFAULT);
  useEffect(() => {
    api
      .publicConfigOnce()
      .then((c) => c.legalRetentionDays && setDays(c.legalRetentionDays))
      .catch(() => undefined);
  }, []);
  return (
    <View className={`page privacy ${textSize}`}>
      <PrivacyConsent />
      <View className="hero hero-small">
        <Text className="hero-title">隐私保护指引</Text>
        <Text className="hero-sub">工友驿站收集您的哪些信息、为什么、保存多久、怎样删除</Text>
      </View>

      <View className="card">
        <Text className="card-title">我们收集的信息和用途</Text>
        <Text className="line">· 姓名、手机号：预约爱心餐、工作室参观和法律咨询时核对是您本人，预约有变动时联系您。</Text>
        <Text className="line">· 法律咨询的问题描述（以及咨询时留的电话）：让律师提前了解情况。只有工会的法律顾问和管理员能看到，每次查看都留有记录。</Text>
        <Text className="line">· 预约记录（时间、地点、核销码、是否到场）：核销和统计服务人数。</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <Text className="line">· 微信 openid：微信登录时由微信提供的标识，只用来认出是您本人，不含微信号、昵称和头像。</Text>
        )}
        <Text className="line">· 位置：只在您点「离我最近」时使用，在手机上计算距离，不上传、不保存。</Text>
        <Text className="muted">这些信息只用于工友驿站的服务，不出售，不用于广告，不提供给工会以外的机构（法律法规另有规定的除外）。</Text>
      </View>

      <View className="card">
        <Text className="card-title">保存多久</Text>
        <Text className="line retention">· 法律咨询的问题描述：在预约的咨询时间过后 {days} 天自动删除；预约记录本身保留，用于统计。</Text>
        <Text className="line">· 姓名、手机号和预约记录：保存到您清除为止。</Text>
        <Text className="line">· 登录状态：30 天不用自动失效。</Text>
      </View>

      <View className="card">
        <Text className="card-title">怎样删除</Text>
        <Text className="line">打开「我的」→「清除我的数据」：立即删除您的姓名、手机号和咨询问题，并取消所有未使用的预约。清除后无法恢复。</Text>
        <Text className="link" onClick={() => openPage('/pages/mine/index')}>
          去「我的」
        </Text>
      </View>

      <View className="card">
        <Text className="card-title">联系我们</Text>
        <View className="line">
          对本指引或您的信息有疑问，请拨打工会服务热线 <PhoneLink number="12351" />，或到就近的服务站找工会工作人员。
        </View>
      </View>
      {process.env.TARO_ENV === 'weapp' && <AgreeHere />}
    </View>
  );
}

/** weapp: when WeChat still waits for the worker's consent, agree here too (the sheet's fallback). */
function AgreeHere() {
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    if (typeof Taro.getPrivacySetting === 'function') Taro.getPrivacySetting({ success: (r) => setNeeded(r.needAuthorization) });
  }, []);
  if (!needed) return null;
  return (
    <Button
      id={AGREE_BUTTON_ID}
      className="btn btn-primary"
      openType="agreePrivacyAuthorization"
      onAgreePrivacyAuthorization={() => {
        settlePrivacy(true);
        setNeeded(false);
      }}
    >
      我已阅读并同意
    </Button>
  );
}
