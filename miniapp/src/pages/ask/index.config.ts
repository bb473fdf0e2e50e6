export default definePageConfig({ navigationBarTitleText: '问一问', enableShareAppMessage: true });
