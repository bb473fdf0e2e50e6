export default definePageConfig({ navigationBarTitleText: '管理服务' });
