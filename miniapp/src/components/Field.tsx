import { Input, Textarea } from '@tarojs/components';

interface Props {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  className?: string;
  maxlength?: number;
  /** tel: a phone keypad; the text may hold spaces, dashes and +86 (shared/contact.ts normalises it). */
  type?: 'text' | 'number' | 'tel' | 'password';
  onConfirm?: () => void;
}

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * A text input. On h5 it is a plain <input>: Taro's h5 Input wraps one in a custom element that
 * repeats the placeholder, which confuses screen readers and tests (two boxes labelled 「姓名」).
 */
export function TextInput({ value, onChange, placeholder, className = 'input', maxlength, type = 'text', onConfirm }: Props) {
  if (isH5)
    return (
      <input
        className={className}
        value={value}
        placeholder={placeholder}
        maxLength={maxlength}
        type={type === 'password' ? 'password' : type === 'tel' ? 'tel' : 'text'}
        inputMode={type === 'number' ? 'numeric' : type === 'tel' ? 'tel' : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onConfirm?.()}
      />
    );
  return (
    <Input
      className={className}
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      type={type === 'number' || type === 'tel' ? 'number' : 'text'}
      password={type === 'password'}
      onInput={(e) => onChange(e.detail.value)}
      onConfirm={onConfirm}
    />
  );
}

export function TextArea({ value, onChange, placeholder, className = 'textarea', maxlength }: Omit<Props, 'type' | 'onConfirm'>) {
  if (isH5)
    return (
      <textarea
        className={className}
        value={value}
        placeholder={placeholder}
        maxLength={maxlength}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <Textarea className={className} value={value} placeholder={placeholder} maxlength={maxlength} onInput={(e) => onChange(e.detail.value)} />
  );
}
