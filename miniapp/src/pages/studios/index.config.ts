export default definePageConfig({ enablePullDownRefresh: true, backgroundTextStyle: 'dark', navigationBarTitleText: '工作室参观', enableShareAppMessage: true });
