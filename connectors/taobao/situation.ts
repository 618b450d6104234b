// A buyer's refund reason as Taobao words it (the buyer picks it from the platform's list), as the
// product's situation, which picks the compensation and the no-reason-return rule (A4/A6).
const SITUATIONS: readonly [RegExp, string][] = [
  [/质量|做工|瑕疵|破损|损坏|故障|假货|材质/, 'quality_defect'],
  [/少件|漏发|错发|发错|空包/, 'wrong_item'],
  [/描述不符|与描述|色差|尺寸不符/, 'not_as_described'],
  [/未收到|没收到|物流|快递|丢件/, 'lost_parcel'],
];

export function refundSituation(reason: string | undefined): string {
  for (const [pattern, situation] of SITUATIONS) if (reason && pattern.test(reason)) return situation;
  return 'no_reason';
}
