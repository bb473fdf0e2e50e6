/** shared/contact.ts: the one normaliser of phone numbers and names (miniapp forms and server schemas). */
import { describe, expect, it } from 'vitest';
import { NAME_MAX } from '../../shared/domain.js';
import { PHONE_INPUT_MAX, checkName, normalizePhone } from '../../shared/contact.js';
import { Phone } from '../../shared/schemas/common.js';

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    [' 138-0013-8000 ', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['(+86) 138 0013 8000', '13800138000'],
    ['１３８　００１３　８０００', '13800138000'],
    ['138—0013—8000', '13800138000'],
  ])('%j → %s', (input, out) => expect(normalizePhone(input)).toBe(out));

  it.each(['', '1380013800', '138001380001', '23800138000', '+1 138 0013 8000', '138a0013800', '+86 +86 13800138000', '12351'])(
    'refuses %j',
    (input) => expect(normalizePhone(input)).toBeNull(),
  );

  it('lets a form hold the longest accepted spelling', () => {
    expect('(+86) 138 - 0013 - 8000'.length).toBeLessThanOrEqual(PHONE_INPUT_MAX);
    expect(normalizePhone('(+86) 138 - 0013 - 8000')).toBe('13800138000');
  });

  it('is what the server schema applies: the same numbers in, the same 11 digits out', () => {
    for (const s of ['138 0013 8000', '+86 138-0013-8000', '13800138000', '1380013800', 'x'.repeat(100)]) {
      const r = Phone.safeParse(s);
      expect(r.success ? r.data : null).toBe(normalizePhone(s));
    }
  });
});

describe('checkName', () => {
  it('trims and accepts up to NAME_MAX characters', () => {
    expect(checkName('  张三 ')).toEqual({ ok: true, name: '张三' });
    expect(checkName('王'.repeat(NAME_MAX))).toEqual({ ok: true, name: '王'.repeat(NAME_MAX) });
  });
  it('refuses a longer name with a message instead of cutting it', () => {
    const r = checkName('王'.repeat(NAME_MAX + 1));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`最多 ${NAME_MAX} 个字`);
  });
  it('asks for a name when only spaces are given', () => expect(checkName('   ')).toEqual({ ok: false, message: '请填写姓名' }));
});
