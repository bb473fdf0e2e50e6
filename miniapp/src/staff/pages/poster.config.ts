export default definePageConfig({ navigationBarTitleText: '服务站海报' });
