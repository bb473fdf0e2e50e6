export default definePageConfig({ enablePullDownRefresh: true, backgroundTextStyle: 'dark', navigationBarTitleText: '我的' });
