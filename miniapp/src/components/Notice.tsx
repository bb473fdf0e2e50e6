import { View, Text } from '@tarojs/components';

interface Props {
  kind: 'ok' | 'error' | 'info';
  children: React.ReactNode;
}

/** A coloured message box for results of an action. */
export default function Notice({ kind, children }: Props) {
  return (
    <View className={`msg msg-${kind}`}>
      <Text>{children}</Text>
    </View>
  );
}
