export default definePageConfig({ enablePullDownRefresh: true, backgroundTextStyle: 'dark', navigationBarTitleText: '通知', enableShareAppMessage: true });
