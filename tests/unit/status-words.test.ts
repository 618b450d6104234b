// Every order and case status has its words in both languages, and an unknown one shows its code.
import { CASE_STATUS_NAMES, caseStatusName, ORDER_STATUS_NAMES, orderStatusName } from '../../api/status-words';
import { AWAITING_ORDER, CASE_STATUSES, ORDER_STATUSES } from '../../workflows/definitions';

test('each status is named in zh-CN and en', () => {
  for (const status of [...ORDER_STATUSES, AWAITING_ORDER] as const)
    expect(ORDER_STATUS_NAMES[status]).toEqual({
      'zh-CN': expect.stringMatching(/\S/),
      en: expect.stringMatching(/\S/),
    });
  for (const status of CASE_STATUSES)
    expect(CASE_STATUS_NAMES[status]).toEqual({
      'zh-CN': expect.stringMatching(/\S/),
      en: expect.stringMatching(/\S/),
    });
  expect(orderStatusName('SHIPPED', 'zh-CN')).toBe('已发货');
  expect(caseStatusName('AWAITING_RETURN', 'en')).toBe('Awaiting the return');
});

test('a status this version does not know is shown as stored', () => {
  expect(orderStatusName('ON_HOLD', 'zh-CN')).toBe('ON_HOLD');
  expect(caseStatusName('ESCALATED', 'en')).toBe('ESCALATED');
});
