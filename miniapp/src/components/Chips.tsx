import { View } from '@tarojs/components';

export interface ChipOption {
  value: string;
  label: string;
}

interface Props {
  options: ChipOption[];
  value: string;
  onChange: (value: string) => void;
}

/** A row of large tap targets for picking one option (dates, districts, categories). */
export default function Chips({ options, value, onChange }: Props) {
  return (
    <View className="chips">
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip ${o.value === value ? 'chip-on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
