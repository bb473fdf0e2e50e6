// Workers' words → the canonical words the topic keys use. One place for staff to extend.
// Replacement is longest-match-first over the question, so 拖欠工资 wins over 工资.

/** canonical → variants (misspellings, dialect, slang). */
export const SYNONYMS: Record<string, string[]> = {
  单位: ['用人单位', '老板娘', '老板', '公司', '厂里', '厂子', '工厂', '厂家', '厂方', '企业', '东家', '雇主', '资方', '我们厂', '这个厂', '那个厂', '咱厂', '本厂', '店里', '老东家'],
  工资: ['公资', '工钱', '薪水', '薪资', '薪酬', '薪金', '血汗钱', '工资款', '月薪', '人工钱', '劳动报酬', '报酬'],
  骑手: ['外卖员', '外卖小哥', '送外卖', '跑外卖', '送餐员', '外卖', '跑单', '送单', '美团', '饿了么', '跑腿', '闪送'],
  网约车: ['开滴滴', '跑滴滴', '滴滴', '货拉拉', '开网约车', '代驾', '跑车的'],
  快递员: ['快递小哥', '送快递', '快递'],
  辞职: ['辞工', '不干了', '不想干了', '走人', '词职', '辞值', '辞识', '离开单位'],
  辞退: ['被辞退', '减员', '裁减人员', '要裁我', '裁我', '被优化', '优化了', '优化掉', '解聘', '下岗', '卷铺盖走人', '卷铺盖', '清退', '踢走', '打发走', '开掉', '辞掉我', '让我们走', '不用来了', '别来了', '被裁', '裁掉', '裁了我', '把我辞了', '辞了我', '把我开了', '开了我', '给开了', '被开了', '被辞', '开除', '炒鱿鱼', '被炒', '炒了我', '裁员', '裁人', '解雇', '辞掉', '让我走', '叫我走', '不要我了', '劝退', '末位淘汰', '赶走', '撵走', '劝离'],
  加班费: ['加班工资', '加班钱', '加班废', '加班的钱'],
  社保: ['社会保险', '社会保显', '五险一金', '五险', '社宝', '设保', '社报', '社包'],
  押金: ['压金'],
  加班: ['加版', '加斑', '加点', '熬夜赶工', '通宵加班'],
  试用期: ['实用期', '试工期', '试工', '见习期', '是用期', '使用期', '适用期', '试用其', '试工期', '试岗期', '考察期'],
  合同: ['合铜', '合通', '和同', '合约', '劳动合同'],
  赔偿: ['赔尝'],
  补偿: ['补尝', '补偿金', 'n1'],
  仲裁: ['仲才', '仲栽', '劳动仲裁'],
  欠薪: ['拖欠工资', '欠工资', '拖工资', '欠我工资', '不发工资', '没发工资', '工资没发', '工资不给', '不给工资', '工资不发', '没见着工资', '没见到工资', '没拿到工资', '拿不到工资', '工资没到账', '工资拿不到', '工资没拿到', '工资没结', '不结工资', '工资不结', '讨薪', '讨工资', '讨要工资', '要工资', '压工资', '打白条', '赖账', '赖工资', '一分钱没拿到', '一分钱都没拿到', '一分钱没给', '一分钱都没给', '工资要不回来', '工资讨不回来'],
  拖欠: ['托欠', '拖着', '欠着', '欠了'],
  入会: ['入了工会', '加了工会', '进了工会', '加入工会', '参加工会', '入工会', '进工会', '加工会'],
  化工厂: [],
  克扣: ['刻扣'],
  工伤: ['公伤', '工商保险'],
  工伤保险: ['工伤险'],
  职业病: ['职业并'],
  年假: ['休过年假', '年休假', '带薪年假', '带薪休假', '年休', '年价'],
  产假: ['产价', '生育假'],
  病假: ['病价'],
  医疗期: ['医疗其'],
  派遣: ['派谴', '派遗', '劳务派遣'],
  竞业: ['竟业', '竞业线制'],
  受伤: ['碾了', '碾到', '轧到', '绞到', '卷到', '卷进', '绞伤', '夹到', '掉下来', '摔下来', '烫到', '烫了', '扎伤', '扎到', '伤到', '摔了一跤', '摔跤', '跌倒', '滑倒', '被切', '切了', '割了', '夹了', '夹伤', '被夹', '轧了', '烧伤', '砸到', '摔伤', '摔了', '砸伤', '砸了', '压伤', '压了', '烫伤', '割伤', '扭伤', '骨折', '断了', '碰伤', '弄伤', '伤了', '受了伤', '挂彩', '出事故'],
  交通事故: ['车祸', '被车撞', '被撞', '撞了', '出车祸', '追尾'],
  怀孕: ['怀yun', '怀二胎', '怀了二胎', '怀三胎', '怀上', '怀了孕', '怀孕了', '怀娃', '有了身孕', '大肚子', '孕妇', '有喜'],
  哺乳: ['喂奶', '喂母乳', '吸奶', '背奶'],
  生育: ['生孩子', '生娃', '生小孩', '生宝宝', '坐月子'],
  职代会: ['职工代表大会', '职工大会', '员工代表大会'],
  高温: ['大热天', '天热', '热死了', '热得要命', '三伏天', '酷暑', '暑天'],
  周: ['礼拜', '星期'],
  不让: ['禁止', '不准', '不许'],
  春节: ['过年', '大年'],
  // consumer uses of gig words, kept apart so they do not read as riders or couriers
  点餐: ['点外卖', '叫外卖', '订外卖'],
  包裹: ['查快递', '收快递', '寄快递', '拿快递', '取快递', '快递柜'],
  不让走: ['不让我走', '不放我走'],
  工会: ['公会'],
  小时工: ['钟点工', '按钟点'],
  农民工: ['进城务工', '外来务工', '打工仔', '打工妹'],
  包工头: ['工头', '带班的'],
};

/** Penalised words: clearly off topic (weather, stocks, lottery, gossip, homework, recipes, politics, others' data). */
export const OFFTOPIC_MARKERS: Record<string, number> = {
  股票: 6, 炒股: 6, 买基金: 5, 彩票: 6, 双色球: 6, 大乐透: 6, 作文: 6, 写作业: 6, 家庭作业: 6, 作业不会: 6, 数学题: 5, 笑话: 6, 明星: 6, 离婚: 3, 八卦: 6,
  世界杯: 6, 国足: 6, 足球: 4, 篮球: 4, 红烧肉: 6, 菜谱: 6, 怎么做菜: 6, 好吃: 3, 天气预报: 6, 天气咋样: 6,
  天气怎么样: 6, 钓鱼: 4, 身份证号: 6, 家里住址: 6, 领导人: 6, 政治: 5, 游戏: 4, 相亲: 5, 星座: 6, 算命: 6,
  帮我查: 4, 字体: 5, 好看: 3, 辛苦了: 4, 晚上好: 4, 早上好: 4, 大家好: 4, 谢谢: 3, 视察: 5, 好开心: 4, 难吃: 4, 遥控器: 4, 拍照: 5, 照片: 4, 帮我写: 5, 写一个: 3, 讲话稿: 6, 出租屋: 5, 租房: 4, 打车: 4, 蛋糕: 4, 旅游: 3, 邻居: 4, 吃啥药: 5, 吃什么药: 5, 心脏: 3, 电影: 4, 唱歌: 4, 翻译: 4, 写诗: 6, 比特币: 6, 房价: 5,
};

// ASCII and CJK punctuation and spaces, spelt out (no \p{…} classes: older mini-program engines lack them).
const PUNCT = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2190-\u21ff\u2500-\u27bf\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;
const MENTION = /@[^\s@]{1,12}\s+|@工[会友]小助手/g;

function buildReplacer(): (s: string) => string {
  const map = new Map<string, string>();
  for (const [canon, variants] of Object.entries(SYNONYMS)) {
    // the canonical word maps to itself, so 工伤了 stays 工伤了 (not 工+受伤) and 快递员 is not rewritten
    map.set(canon, canon);
    for (const v of variants) map.set(v, canon);
  }
  // first character → words starting with it, longest first: a left-to-right longest-match scan
  const byFirst = new Map<string, string[]>();
  for (const w of map.keys()) byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), w]);
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const once = (s: string) => {
    let out = '';
    for (let i = 0; i < s.length; ) {
      const hit = byFirst.get(s[i])?.find((w) => s.startsWith(w, i));
      if (hit) {
        out += map.get(hit);
        i += hit.length;
      } else out += s[i++];
    }
    return out;
  };
  // twice, so 拖着工资 → 拖欠工资 → 欠薪
  return (s) => once(once(s));
}
const replaceSynonyms = buildReplacer();

/** Question → canonical string: full-width folded, no spaces or punctuation, workers' words normalised. */
export function normalise(question: string): string {
  let s = question.normalize('NFKC').toLowerCase().replace(MENTION, ' ');
  // 33℃ and up is heat, whatever the wording (40度, 37°c, 38摄氏度).
  s = s.replace(/(3[3-9]|[45]\d)\s*(度|℃|°c|°|摄氏度)/g, '高温').replace(/(三十[三四五六七八九]|[四五]十[一二三四五六七八九]?)(度|摄氏度)/g, '高温');
  s = s.replace(PUNCT, '');
  return replaceSynonyms(s);
}
