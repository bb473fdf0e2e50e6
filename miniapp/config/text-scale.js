/**
 * 大字版 (large-text mode): every text and control size in our own stylesheets becomes
 * `calc(size * var(--ts, 1))`, after pxtransform has turned it into rpx (weapp) or rem (h5). The page
 * root's class `large-text` sets --ts (src/app.css), so one switch scales every page on both targets
 * while app.css keeps plain sizes. Paddings and margins stay: more room for the text.
 */
const PROPS = new Set(['font-size', 'line-height', 'height', 'min-height', 'width', 'min-width']);
const LENGTH = /(?<![\w.-])(\d*\.?\d+)(rpx|rem|px)\b/g;
const OURS = /[\\/]miniapp[\\/]src[\\/]/;

module.exports = () => ({
  postcssPlugin: 'gongyou-text-scale',
  Declaration(decl) {
    if (!PROPS.has(decl.prop) || decl.value.includes('--ts')) return;
    const file = decl.source && decl.source.input && decl.source.input.file;
    if (!file || !OURS.test(file)) return; // Taro's own component styles keep their sizes
    const scaled = decl.value.replace(LENGTH, (m) => `calc(${m} * var(--ts, 1))`);
    if (scaled !== decl.value) decl.value = scaled;
  },
});
module.exports.postcss = true;
