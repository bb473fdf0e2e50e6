import type { TopicInput } from '../schema.js';

// Service routing into the mini-program, and help.
const SERVICE = '这是小程序服务引导，不涉及法律条文';

export const SERVICE_TOPICS: TopicInput[] = [
  {
    id: 'service_cancel',
    title: '取消报名',
    kind: 'service',
    category: '其他',
    keys: {
      取消: 9, 退掉: 9, 退订: 9, 撤回: 6, 去不了: 6, 不去了: 6, 不想约了: 9, 怎么退: 9, 改期: 5, '报名+去不了': 9,
      '取消+预约': 6, '取消+报名': 6,
    },
    answer:
      '在小程序「我的」页找到你的报名，点「取消」即可。爱心餐：在服务站开门前都可以取消，名额马上释放给别人；工作室参观：场次开始前可以取消，空出的位置按候补顺序递补；法律咨询：预约时段开始前取消。已核销或已开始的不能取消。',
    citations: [],
    links: [{ title: '我的报名', page: 'pages/mine/index' }],
    noStatuteReason: SERVICE,
  },
  {
    id: 'service_meal',
    title: '10元爱心餐',
    kind: 'service',
    category: '其他',
    keys: {
      爱心餐: 9, 爱心食堂: 9, '块钱+饭': 5, '10块': 3, 服务站: 6, 驿站: 5, 吃饭: 4, 午饭: 4, 中饭: 4, 午餐: 4, 晚饭: 4, 订餐: 6, 饭: 2, 食堂: 4,
      '10元': 3, 十块钱: 3, 喝水: 4, 充电: 4, 歇脚: 5, 供餐: 6, 户外劳动者: 4,
    },
    answer:
      '工会在户外劳动者服务站、爱心食堂提供10元爱心餐，面向环卫工、骑手、快递员、货车司机等户外劳动者。在小程序「爱心餐」页选服务站和日期（当天起3天内）预约，每人每天限约1份，各站每日限量，约满为止；到站出示券码或二维码核销。各站地址、开放和供餐时间以小程序里的服务站信息为准，可在列表里找离你最近的站点。临时去不了，请在服务站开门前到「我的」取消，把名额让给别人。',
    citations: [],
    links: [{ title: '预约爱心餐', page: 'pages/meals/index' }],
    noStatuteReason: SERVICE,
  },
  {
    id: 'service_studio',
    title: '劳模工匠创新工作室参观',
    kind: 'service',
    category: '其他',
    keys: { 工作室: 8, 参观: 6, 劳模: 3, 工匠: 3, 大师: 2, 创新: 2 },
    answer:
      '劳模工匠创新工作室对职工开放参观学习。在小程序「工作室参观」页查看各工作室的带头人、所在企业、领域和地址，选场次报名，一次可报1至5人；名额满了进入候补，有人取消时按报名先后递补。每人每场限报一次，场次开始后不能再报名或取消。要带什么证件、在哪集合，以报名页的参观须知为准。',
    citations: [{ source: '意见', article: '二十', quote: '加强劳模工匠创新工作室' }],
    links: [{ title: '工作室参观报名', page: 'pages/studios/index' }],
    noStatuteReason: SERVICE,
  },
  {
    id: 'service_legal',
    title: '预约法律咨询',
    kind: 'service',
    category: '其他',
    keys: { 法律咨询: 8, 律师: 5, '约+律师': 4, '预约+咨询': 4, 咨询: 3, 问问律师: 4, 找律师: 3 },
    answer:
      '在小程序「法律咨询」页可以预约工会律师或法律援助站：选时段（现场、电话或视频），选类别（劳动合同、工资报酬、工伤、社会保险、解除劳动合同、其他），简单写下情况。工会法律咨询一般免费，以页面说明为准。你写的情况只有法律岗位工作人员能看到。每人同一时间只能有一个待进行的预约，一个时段只约一人。咨询前请备好合同、工资流水、考勤、聊天记录等材料。',
    citations: [],
    links: [{ title: '预约法律咨询', page: 'pages/legal/index' }],
    noStatuteReason: SERVICE,
  },
  {
    id: 'service_notice',
    title: '工会通知',
    kind: 'service',
    category: '其他',
    keys: { 通知: 6, 公告: 6, 活动: 4, '工会+活动': 3, 新消息: 5, 慰问: 6, 送清凉: 8, 送温暖: 8, 最新消息: 5, 消息: 2, 啥时候开始: 2 },
    answer:
      '工会的活动和通知（如夏季送清凉、冬季送温暖、疗休养报名、技能培训、爱心餐调整等）都发在小程序「通知」页，工会群里也会推送。具体时间、地点和报名方式以通知公告为准，我这里不编造日期。想及时收到，可以在小程序里开启订阅提醒。',
    citations: [],
    links: [{ title: '查看通知', page: 'pages/notices/index' }],
    noStatuteReason: SERVICE,
  },
  {
    id: 'service_join',
    title: '在小程序入会',
    kind: 'service',
    category: '其他',
    keys: { '小程序+入会': 10, 入口: 9, 申请入会: 9, '在哪+入会': 9, '网上+入会': 9, '手机+入会': 9 },
    answer:
      '打开小程序「我的」页，按提示提交入会申请即可加入工会；也可以找所在单位工会，或到当地街道、园区、行业工会的服务站办理。骑手、快递员等新就业形态劳动者没签劳动合同也能入会。入会后可享受法律服务、困难帮扶、疗休养、爱心餐等工会服务。',
    citations: [{ source: '工会法', article: '第三条' }],
    links: [{ title: '我的（入会）', page: 'pages/mine/index' }],
  },
  {
    id: 'help',
    title: '使用帮助',
    kind: 'help',
    category: '其他',
    keys: {
      你能干啥: 8, 你会什么: 8, 你能做什么: 8, 能干什么: 6, 能干啥: 6, 帮助: 5, help: 8, 菜单: 6, 功能: 5, 怎么用: 6,
      你是谁: 8, 你好: 5, 在吗: 5, 小助手: 3, 能问啥: 7, 能问什么: 7, 能回答: 6, 回答啥: 6,
    },
    answer:
      '我是工友小助手，可以回答劳动维权常见问题：劳动合同、试用期、欠薪、加班费、工时、年假、社保、工伤、骑手职业伤害保障、劳务派遣、辞退补偿、仲裁、最低工资、职业病、安全生产、女职工、病假、高温、职代会、集体协商、技能培训、农民工、疗休养、竞业限制、入会等；也能带你预约爱心餐、工作室参观、法律咨询，看通知、取消报名。直接问就行，如「没签合同咋整」「加班费咋算」「意见第十七条讲了什么」。',
    citations: [],
    links: [{ title: '问一问', page: 'pages/ask/index' }],
    noStatuteReason: SERVICE,
  },
];
