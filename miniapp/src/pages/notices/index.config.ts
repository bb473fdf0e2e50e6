export default definePageConfig({ navigationBarTitleText: '通知', enableShareAppMessage: true });
