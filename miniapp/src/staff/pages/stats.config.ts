export default definePageConfig({ navigationBarTitleText: '今日数据' });
