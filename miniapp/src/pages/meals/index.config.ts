export default definePageConfig({ navigationBarTitleText: '10元爱心餐', enableShareAppMessage: true });
