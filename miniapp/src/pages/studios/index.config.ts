export default definePageConfig({ navigationBarTitleText: '工作室参观', enableShareAppMessage: true });
