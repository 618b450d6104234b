// The TMC topics this connector subscribes to and maps (the shop's app subscribes to them in the TOP console).
export const TAOBAO_TOPICS = [
  'taobao_trade_TradeCreate',
  'taobao_trade_TradeBuyerPay',
  'taobao_trade_TradeSellerShip',
  'taobao_trade_TradeSuccess',
  'taobao_trade_TradeClose',
  'taobao_refund_RefundCreated',
  'taobao_refund_RefundSellerAgreeAgreement',
  'taobao_refund_RefundSuccess',
] as const;
export type TaobaoTopic = (typeof TAOBAO_TOPICS)[number];

export function isTaobaoTopic(topic: string): topic is TaobaoTopic {
  return (TAOBAO_TOPICS as readonly string[]).includes(topic);
}
