import { View, Text } from '@tarojs/components';

interface Props {
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
}

/** − n + with large tap targets. */
export default function Stepper({ value, min, max, onChange }: Props) {
  return (
    <View className="stepper">
      <View className={`stepper-btn ${value <= min ? 'stepper-off' : ''}`} onClick={() => value > min && onChange(value - 1)}>
        −
      </View>
      <Text className="stepper-value">{value}</Text>
      <View className={`stepper-btn ${value >= max ? 'stepper-off' : ''}`} onClick={() => value < max && onChange(value + 1)}>
        +
      </View>
    </View>
  );
}
