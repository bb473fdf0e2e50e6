export default definePageConfig({ navigationBarTitleText: '律师工作台' });
