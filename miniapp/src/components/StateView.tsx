import { View, Text, Button } from '@tarojs/components';
import { TelText } from './Phone';

interface Props {
  loading?: boolean;
  error?: string | null;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: React.ReactNode;
}

/** Loading / error / empty states in Chinese; renders children when there is data. */
export default function StateView({ loading, error, empty, emptyText = '暂时没有内容', onRetry, children }: Props) {
  if (loading) return <View className="state">正在加载…</View>;
  if (error)
    return (
      <View className="state state-error">
        <Text>{error}</Text>
        {onRetry && (
          <Button className="btn btn-plain btn-small" onClick={onRetry}>
            重新加载
          </Button>
        )}
      </View>
    );
  if (empty)
    return (
      <View className="state">
        <TelText text={emptyText} />
      </View>
    );
  return <>{children}</>;
}
