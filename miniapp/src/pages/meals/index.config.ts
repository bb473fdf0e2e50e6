export default definePageConfig({ enablePullDownRefresh: true, backgroundTextStyle: 'dark', navigationBarTitleText: '10元爱心餐', enableShareAppMessage: true });
