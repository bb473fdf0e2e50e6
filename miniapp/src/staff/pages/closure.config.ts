export default definePageConfig({ navigationBarTitleText: '暂停供餐' });
