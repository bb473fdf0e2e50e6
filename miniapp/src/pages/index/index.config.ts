export default definePageConfig({ navigationBarTitleText: '工友驿站', enableShareAppMessage: true });
