import { View } from '@tarojs/components';

/** A bottom sheet over a dimmed page: confirmations, login and results live here. */
export default function Sheet({ onClose, children }: { onClose: () => void; children: React.ReactNode }) {
  return (
    <View className="sheet-mask" onClick={onClose}>
      <View className="sheet" onClick={(e) => e.stopPropagation()}>
        {children}
      </View>
    </View>
  );
}
