import { View, Text } from '@tarojs/components';
import QrCode from './QrCode';

interface Props {
  code: string;
  title: string;
  lines?: string[];
}

/** The voucher: the code as large text (to read out at a busy counter) and as a QR code to scan. */
export default function Voucher({ code, title, lines = [] }: Props) {
  return (
    <View className="voucher">
      <Text className="voucher-title">{title}</Text>
      {lines.map((l) => (
        <Text key={l} className="voucher-line">
          {l}
        </Text>
      ))}
      <View className="voucher-qr">
        <QrCode text={code} />
      </View>
      <Text className="muted">核销码</Text>
      <Text className="voucher-code" selectable userSelect>
        {code}
      </Text>
      <Text className="muted">到店出示此码，工作人员扫码或输入核销码即可</Text>
    </View>
  );
}
