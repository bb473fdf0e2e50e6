import { useState } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { TextArea } from '../../components/Field';
import { api, errorText, AskAnswer } from '../../services/api';
import { usePageParams, pageUrl } from '../../services/params';
import Notice from '../../components/Notice';
import { useBusy } from '../../hooks/useBusy';
import AskUnionButton from '../../components/AskUnionButton';
import { TelText } from '../../components/Phone';
import { OPINION_TITLE } from '../../../../shared/domain';
import { useTextSize } from '../../hooks/useTextSize';
import PrivacyConsent from '../../components/PrivacyConsent';
import { openPage } from '../../services/nav';

const EXAMPLES = ['老板不给签劳动合同怎么办', '拖欠工资去哪里投诉', '送外卖摔伤了算工伤吗'];

export default function Ask() {
  const textSize = useTextSize();
  const params = usePageParams();
  const [question, setQuestion] = useState(params.q ?? '');
  const [answer, setAnswer] = useState<AskAnswer | null>(null);
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  useShareAppMessage(() => ({ title: '工友维权问一问', path: pageUrl('pages/ask/index', { q: question }) }));

  async function ask(q = question, point?: string) {
    if (!q.trim()) return setError('请先输入您的问题');
    setQuestion(q);
    setError(null);
    try {
      setAnswer(await api.ask(q.trim(), point));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <View className={`page ${textSize}`}>
      <PrivacyConsent />
      <TextArea className="textarea" placeholder="输入您的问题，例如：老板不给签合同怎么办" value={question} maxlength={200} onChange={setQuestion} />
      <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={() => run(() => ask())}>
        提问
      </Button>
      <View className="chips">
        {EXAMPLES.map((q) => (
          <View key={q} className="chip" onClick={() => run(() => ask(q))}>
            {q}
          </View>
        ))}
      </View>
      {error && <Notice kind="error">{error}</Notice>}
      {answer && (
        <View className="card answer">
          {/* one short step a line, hotlines tap to call */}
          {answer.answer
            .split(/\n+/)
            .filter((l) => l.trim())
            .map((l, i) => (
              <TelText key={i} className="answer-text answer-step" text={l} />
            ))}
          {(answer.choices ?? []).map((c, i) => (
            <Button key={c.point} className="btn btn-plain" disabled={busy} onClick={() => run(() => ask(question, c.point))}>
              {i + 1}. {c.title}
            </Button>
          ))}
          {answer.citations.length > 0 && (
            <View className="citations">
              <Text className="label">依据</Text>
              {answer.citations.map((c, i) => (
                <Text key={i} className="citation">
                  《{c.source === '意见' && answer.citations.findIndex((x) => x.source === '意见') === i ? OPINION_TITLE : c.source}》
                  {c.article ? ` ${c.article.startsWith('第') ? c.article : `第${c.article}条`}` : ''}
                  {c.quote ? `：${c.quote}` : ''}
                </Text>
              ))}
            </View>
          )}
          {(answer.links ?? []).map((l) => (
            <Button key={l.page} className="btn btn-plain" onClick={() => openPage(l.page)}>
              {l.title}
            </Button>
          ))}
          <TelText className="muted" text="以上仅供参考，具体问题可拨打工会服务热线 12351 或预约律师咨询" />
          <Button className="btn btn-plain" onClick={() => Taro.navigateTo({ url: '/pages/legal/index' })}>
            还有问题？预约律师
          </Button>
        </View>
      )}
      <AskUnionButton />
    </View>
  );
}
