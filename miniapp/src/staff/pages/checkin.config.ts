export default definePageConfig({ navigationBarTitleText: '核销预约' });
