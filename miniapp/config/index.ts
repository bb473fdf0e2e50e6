import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const sharedDir = path.resolve(__dirname, '../../shared');
const textScale = path.resolve(__dirname, 'text-scale.js');

// Both targets compile the project's shared/ folder (types + plain messages) from TypeScript.
// Pages import only types and the plain ERROR_MESSAGES object from shared/ (zod would add ~94 KB).

// weapp calls the API by absolute URL; without one every request is a relative URL WeChat refuses.
// Shouted, not fatal: CI builds weapp without a server to point at.
if (process.env.TARO_ENV === 'weapp' && !process.env.TARO_APP_API_BASE) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! WARNING: TARO_APP_API_BASE is not set. This weapp build calls relative URLs such as\n` +
      `!! /api/meal-stations, which WeChat rejects: the mini-program will not work on a phone.\n` +
      `!! Build with TARO_APP_API_BASE=https://your-api.example.com npm run build:weapp\n${bar}\n`,
  );
}

export default defineConfig<'webpack5'>(() => ({
  projectName: 'gongyou-yizhan',
  date: '2026-11-21',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  plugins: [],
  defineConstants: {},
  env: {
    // weapp needs an absolute https base on a whitelisted domain; h5 calls the same origin.
    TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
  },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: {
    compile: { include: [sharedDir] },
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
      // 大字版: sizes × var(--ts), see config/text-scale.js (runs after pxtransform)
      [textScale]: { enable: true },
    },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: [sharedDir] },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
      [textScale]: { enable: true },
    },
    devServer: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
  },
}));
